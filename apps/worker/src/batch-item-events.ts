import type { Classification, EventLog, StoredItem, TaskEnding } from '@nexa/contracts';

export type BatchItemOutcome = { type: 'item_result'; classification: Classification } | { type: 'item_failed'; error: string };

/**
 * A batch item's end: `item_result` / `item_failed`, then `batch_finished` when it was the last.
 * Called from the task store's `announce` callback, while the task row is locked, so the terminal
 * event is always the last of them.
 */
export async function announceBatchItemEnd(events: EventLog, itemId: string, item: StoredItem, outcome: BatchItemOutcome, ending: TaskEnding | null) {
  await events.append({ taskId: item.taskId, itemId, seq: item.seq, partnumber: item.partnumber, ...outcome });
  if (ending) {
    const { total, done, failed, cancelled } = ending.counts;
    await events.append({ type: 'batch_finished', taskId: item.taskId, status: ending.status, total, done, failed, cancelled });
  }
}
