import type { Classification, EventLog, StoredItem, TaskEnding, TaskStore } from '@nexa/contracts';

export type BatchItemOutcome = { type: 'item_result'; classification: Classification } | { type: 'item_failed'; error: string };

/**
 * A batch item's end, once it is committed: `item_result` / `item_failed`, then `batch_finished` when it
 * was the last. The log keeps `batch_finished` back until every item's end is in it, whatever order the
 * workers announce them in, and takes each item's end once, so announcing again is harmless.
 */
export async function announceBatchItemEnd(events: EventLog, itemId: string, item: StoredItem, outcome: BatchItemOutcome, ending: TaskEnding | null) {
  await events.appendItemEnds([{ taskId: item.taskId, itemId, seq: item.seq, partnumber: item.partnumber, ...outcome }]);
  if (ending) await announceBatchEnd(events, item.taskId, ending);
}

export async function announceBatchEnd(events: EventLog, taskId: string, { status, counts: { total, done, failed, cancelled } }: TaskEnding) {
  await events.appendBatchFinished({ type: 'batch_finished', taskId, status, total, done, failed, cancelled }, done + failed);
}

/**
 * A job for an item an earlier attempt already ended: that attempt may have died between its commit
 * and its announcement, so the item's end (and the batch's, if it has ended) is announced again.
 */
export async function announceAgainBatchItemEnd(tasks: Pick<TaskStore, 'classificationOfItem' | 'taskAccess' | 'countItems'>, events: EventLog, itemId: string, item: StoredItem) {
  if (item.status === 'done') {
    const classification = await tasks.classificationOfItem(itemId);
    if (!classification) return;
    await events.appendItemEnds([{ taskId: item.taskId, itemId, seq: item.seq, partnumber: item.partnumber, type: 'item_result', classification }]);
  } else if (item.status === 'failed') {
    await events.appendItemEnds([{ taskId: item.taskId, itemId, seq: item.seq, partnumber: item.partnumber, type: 'item_failed', error: item.error ?? 'failed' }]);
  } else return;
  const access = await tasks.taskAccess(item.taskId);
  if (access?.status === 'done' || access?.status === 'failed') await announceBatchEnd(events, item.taskId, { status: access.status, counts: await tasks.countItems(item.taskId) });
}
