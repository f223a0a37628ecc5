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
/** How long a terminal event missing from the log is awaited, for a task that ended within RECENT_END_MS. */
const TERMINAL_EVENT_GRACE_MS = 2000;
const RECENT_END_MS = 30_000;

/** A task's live feed, opening or open: its events gather in `inbox` from the moment `ready` resolves. */
export interface TaskFeedListener {
  readonly taskId: string;
  readonly ready: Promise<void>;
  readonly inbox: ReturnType<typeof createInbox<StoredTaskEvent | typeof GAP>>;
  stop(): Promise<void>;
}

/** Starts listening to a task's live feed; a caller that does not go on to stream it must `stop` it. */
export function listenToTask(services: Pick<NexaServices, 'feed'>, taskId: string): TaskFeedListener {
  const inbox = createInbox<StoredTaskEvent | typeof GAP>();
  const opening = services.feed.listen(
    taskId,
    (event) => inbox.push(event),
    () => inbox.push(GAP),
  );
  const ready = opening.then(() => {});
  ready.catch(() => {}); // a caller that stops without streaming never awaits it
  return {
    taskId,
    ready,
    inbox,
    stop: async () => {
      const stopListening = await opening.catch(() => null);
      await stopListening?.();
    },
  };
}

/**
 * A task's events for one subscriber: listens first, then replays what the log holds after
 * `lastEventId`, then streams live events, dropping any already sent. Ends after the terminal event
 * (`result` / `failed` for a single task, `batch_finished` for a batch, `cancelled` for either).
 * When the log has lost events (expired, or Redis lost its data) the database's final state stands in.
 * `listenedBeforeCreation`: a listener opened before the task was recorded, so every event the task
 * will have arrives live and neither the log nor the database needs reading.
 */
export async function* streamTaskEvents(
  services: Pick<NexaServices, 'events' | 'feed' | 'tasks'>,
  taskId: string,
  lastEventId: string | null,
  signal: AbortSignal | undefined,
  { listenedBeforeCreation }: { listenedBeforeCreation?: TaskFeedListener } = {},
): AsyncGenerator<StoredTaskEvent> {
  const listener = listenedBeforeCreation ?? listenToTask(services, taskId);
  try {
    await listener.ready;
    const { inbox } = listener;
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

    /** Live events until the terminal one (true) or until `until` aborts (false). */
    async function* streamLive(until: AbortSignal | undefined) {
      for await (const stored of inbox.drain(until)) {
        if (stored === GAP) {
          // The live connection just came back; the log may still be reconnecting, so keep trying.
          for (let attempt = 0; ; attempt += 1) {
            try {
              if (yield* replay()) return true;
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
        if (isTerminalEvent(stored.event)) return true;
      }
      return false;
    }

    if (listenedBeforeCreation) {
      yield* streamLive(signal);
      return;
    }
    if (yield* replay()) return;

    // The database only tells whether a task whose log was lost has ended; while it is unreachable
    // the live feed (and the replay after a gap) still brings the terminal event.
    const access = await services.tasks.taskAccess(taskId).catch((error: unknown) => {
      if (error instanceof ServiceUnavailableError) return undefined;
      throw error;
    });
    if (access === null) return;
    if (access && terminalTaskStatuses.includes(access.status)) {
      if (yield* replay()) return;
      const found = await services.tasks.getTask(taskId);
      if (!found) return;
      const task: TaskDetails = found;
      /**
       * Ends the stream if it can now (true): with the log's terminal event, appended since the last replay
       * and maybe after other events (a replay brings them all), or with `standIn` (the database's final
       * state after the log's last event); or at once when the caller has had the end already (it resumed
       * after the terminal event, or after the stand-in it was sent before).
       */
      async function* endNow(standIn: boolean) {
        const last = await services.events.last(taskId);
        if (last && isTerminalEvent(last.event)) {
          if (isNew(last)) yield* replay();
          return true;
        }
        const final = finalEventFromDatabase(task, last?.id ?? null);
        if (!isNew(final)) return true;
        if (!standIn) return false;
        yield final;
        return true;
      }
      if (yield* endNow(false)) return;
      // A task's terminal event is appended just after the commit that ended it: one that ended a moment
      // ago gets a little time to bring it, before the database stands in for a log that lost it.
      const endedRecently = Date.now() - Date.parse(task.finishedAt ?? task.updatedAt) < RECENT_END_MS;
      if (endedRecently && (yield* streamLive(withTimeout(signal, TERMINAL_EVENT_GRACE_MS)))) return;
      if (signal?.aborted || (yield* replay())) return;
      yield* endNow(true);
      return;
    }

    yield* streamLive(signal);
  } finally {
    await listener.stop();
  }
}

/** The database's final state as the terminal event, with an id after `after` (the log's last), the same on every call. */
function finalEventFromDatabase(task: TaskDetails, after: string | null): StoredTaskEvent {
  const finishedAt = task.finishedAt ?? task.updatedAt;
  const id = nextEventIdAfter(`${Date.parse(finishedAt)}-0`, after);
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

function nextEventIdAfter(candidate: string, after: string | null): string {
  if (after === null || compareEventIds(candidate, after) > 0) return candidate;
  const [milliseconds, sequence] = after.split('-');
  return `${milliseconds}-${Number(sequence) + 1}`;
}

function withTimeout(signal: AbortSignal | undefined, milliseconds: number): AbortSignal {
  return AbortSignal.any([AbortSignal.timeout(milliseconds), ...(signal ? [signal] : [])]);
}
