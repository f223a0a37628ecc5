import { setTimeout as delay } from 'node:timers/promises';
import {
  compareEventIds,
  isTerminalEvent,
  ServiceUnavailableError,
  terminalTaskStatuses,
  type StoredTaskEvent,
  type TaskDetails,
  type TaskEvent,
} from '@nexa/contracts';
import type { NexaServices } from '../context';
import { createInbox } from './inbox';

const GAP = Symbol('missed live events');

/**
 * A task's events for one subscriber: listens first, then replays what the log holds after
 * `lastEventId`, then streams live events, dropping any already sent. Ends after the terminal event
 * (`result` / `failed` for a single task, `batch_finished` for a batch, `cancelled` for either).
 * When the log has lost events (expired, or Redis lost its data) the database's final state stands in.
 */
export async function* streamTaskEvents(
  services: Pick<NexaServices, 'events' | 'feed' | 'tasks'>,
  taskId: string,
  lastEventId: string | null,
  signal: AbortSignal | undefined,
  { queuedNow = false }: { queuedNow?: boolean } = {},
): AsyncGenerator<StoredTaskEvent> {
  const inbox = createInbox<StoredTaskEvent | typeof GAP>();
  const stopListening = await services.feed.listen(
    taskId,
    (event) => inbox.push(event),
    () => inbox.push(GAP),
  );
  try {
    let lastSent = lastEventId;
    const isNew = (stored: StoredTaskEvent) => lastSent === null || compareEventIds(stored.id, lastSent) > 0;

    async function* replay() {
      for (const stored of await services.events.read(taskId, lastSent)) {
        if (!isNew(stored)) continue;
        lastSent = stored.id;
        yield stored;
        if (isTerminalEvent(stored.event)) return true;
      }
      return false;
    }

    async function* streamLive() {
      for await (const stored of inbox.drain(signal)) {
        if (stored === GAP) {
          // The live connection just came back; the log may still be reconnecting, so keep trying.
          for (let attempt = 0; ; attempt += 1) {
            try {
              if (yield* replay()) return;
              break;
            } catch (error) {
              if (!(error instanceof ServiceUnavailableError) || signal?.aborted) throw error;
              await delay(Math.min(2000, 100 * 2 ** attempt), undefined, signal ? { signal } : {}).catch(() => {});
            }
          }
          continue;
        }
        if (!isNew(stored)) continue;
        lastSent = stored.id;
        yield stored;
        if (isTerminalEvent(stored.event)) return;
      }
    }

    if (yield* replay()) return;
    // A task queued a moment ago by this very call has its whole log; only the live feed is left to follow.
    if (queuedNow) return yield* streamLive();

    // The database only tells whether a task whose log was lost has ended; while it is unreachable
    // the live feed (and the replay after a gap) still brings the terminal event.
    const access = await services.tasks.taskAccess(taskId).catch((error: unknown) => {
      if (error instanceof ServiceUnavailableError) return undefined;
      throw error;
    });
    if (access === null) return;
    if (access && terminalTaskStatuses.includes(access.status)) {
      if (yield* replay()) return;
      const task = await services.tasks.getTask(taskId);
      const final = task && finalEventFromDatabase(task);
      if (final && isNew(final)) yield final;
      return;
    }

    yield* streamLive();
  } finally {
    await stopListening();
  }
}

function finalEventFromDatabase(task: TaskDetails): StoredTaskEvent | null {
  const finishedAt = task.finishedAt ?? task.updatedAt;
  const id = `${Date.parse(finishedAt)}-0`;
  const base = { taskId: task.id, at: finishedAt };
  const { total, done, failed, cancelled } = task.counts;
  const [classification] = task.classifications;
  let event: TaskEvent;
  if (task.status === 'cancelled') event = { type: 'cancelled', ...base, total, done, failed, cancelled };
  else if (task.kind === 'batch') event = { type: 'batch_finished', ...base, status: task.status === 'done' ? 'done' : 'failed', total, done, failed, cancelled };
  else if (task.status === 'done' && classification) event = { type: 'result', ...base, classification };
  else event = { type: 'failed', ...base, error: task.error ?? `task ${task.status}` };
  return { id, event };
}
