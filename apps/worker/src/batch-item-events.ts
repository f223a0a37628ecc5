import type { Classification, EventLog, StoredItem, TaskEnding, TaskStore } from '@nexa/contracts';

export type BatchItemOutcome = { type: 'item_result'; classification: Classification } | { type: 'item_failed'; error: string };

/**
 * A batch item's end, once it is committed: `item_result` / `item_failed`, then `batch_finished` when it
 * was the last. The log keeps `batch_finished` back until every item's end is in it, whatever order the
 * workers announce them in, and takes each item's end once, so announcing again is harmless.
 */
export async function announceBatchItemEnd(events: EventLog, itemId: string, item: StoredItem, outcome: BatchItemOutcome, ending: TaskEnding | null) {
  await events.appendItemEnds([{ taskId: item.taskId, itemId, seq: item.seq, partnumber: item.partnumber, ...outcome }]);
  if (!ending) return;
  const { total, done, failed, cancelled } = ending.counts;
  await events.appendBatchFinished({ type: 'batch_finished', taskId: item.taskId, status: ending.status, total, done, failed, cancelled }, done + failed);
}

type EndedItemReader = Pick<TaskStore, 'classificationOfItem' | 'taskAccess' | 'countItems'>;

/**
 * A job for an item an earlier attempt already ended: that attempt may have died between its commit
 * and its announcement, so the item's end (and the batch's, if it has ended) is announced again.
 */
export async function announceAgainBatchItemEnd(tasks: EndedItemReader, events: EventLog, itemId: string, item: StoredItem) {
  const outcome = await storedOutcome(tasks, itemId, item);
  if (!outcome) return;
  const access = await tasks.taskAccess(item.taskId);
  const ending = access?.status === 'done' || access?.status === 'failed' ? { status: access.status, counts: await tasks.countItems(item.taskId) } : null;
  await announceBatchItemEnd(events, itemId, item, outcome, ending);
}

async function storedOutcome(tasks: EndedItemReader, itemId: string, item: StoredItem): Promise<BatchItemOutcome | null> {
  if (item.status === 'failed') return { type: 'item_failed', error: item.error ?? 'failed' };
  if (item.status !== 'done') return null;
  const classification = await tasks.classificationOfItem(itemId);
  return classification ? { type: 'item_result', classification } : null;
}
