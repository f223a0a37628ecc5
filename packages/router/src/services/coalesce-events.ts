import { isTerminalEvent, type StoredTaskEvent, type TaskMessage } from '@nexa/contracts';

export interface CoalesceOptions {
  /** Shortest time between two messages. */
  intervalMs: number;
  /** Most events one group holds, so a replay of a large batch travels in bounded messages. */
  maxGroupSize: number;
  signal?: AbortSignal | undefined;
}

export interface StoredTaskMessage {
  /** The id of the last event the message holds: resuming from it continues right after. */
  id: string;
  message: TaskMessage;
}

/**
 * Sends a batch's events at most once per interval: whatever arrived meanwhile goes out as one
 * `events` group (a lone event goes out as itself). Every event is delivered, in order.
 */
export async function* coalesceEvents(source: AsyncIterable<StoredTaskEvent>, { intervalMs, maxGroupSize, signal }: CoalesceOptions): AsyncGenerator<StoredTaskMessage> {
  const buffer: StoredTaskEvent[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  signal?.addEventListener('abort', notify);

  void (async () => {
    try {
      for await (const stored of source) {
        buffer.push(stored);
        notify();
      }
    } catch (error) {
      failure = error;
    } finally {
      finished = true;
      notify();
    }
  })();

  let lastSentAt = Number.NEGATIVE_INFINITY;
  try {
    while (!signal?.aborted) {
      if (buffer.length === 0) {
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      const wait = lastSentAt + intervalMs - Date.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wake = () => {
            // Only an abort cuts the wait short; new events simply join the group.
            if (signal?.aborted) {
              clearTimeout(timer);
              resolve();
            }
          };
        });
        wake = null;
        continue;
      }
      let size = Math.min(buffer.length, maxGroupSize);
      const terminalAt = buffer.slice(0, size).findIndex((stored) => isTerminalEvent(stored.event));
      if (terminalAt >= 0) size = terminalAt + 1;
      const group = buffer.splice(0, size);
      lastSentAt = Date.now();
      const last = group.at(-1)!;
      yield group.length === 1
        ? { id: last.id, message: last.event }
        : { id: last.id, message: { type: 'events', taskId: last.event.taskId, at: last.event.at, events: group.map((stored) => stored.event) } };
      if (terminalAt >= 0) return;
    }
  } finally {
    signal?.removeEventListener('abort', notify);
  }
}
