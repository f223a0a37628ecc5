import type { BatchCounts, Classification, TaskEvent, TaskStatus } from '@nexa/client';

export interface LiveItem {
  status: TaskStatus;
  classification: Classification | null;
  error: string | null;
}

export interface BatchLiveView {
  /** The latest aggregate counts the events told, or null before the first. */
  counts: { done: number; failed: number; total: number } | null;
  /** Per item id: what its events said (newer than any page loaded before them). */
  items: Map<string, LiveItem>;
  /** `done` / `failed` from `batch_finished`, `cancelled` from `cancelled`, else null while it runs. */
  ended: TaskStatus | null;
}

/** Folds a batch's events (replayed from the start, then live) into its items and aggregate progress. */
export function summariseBatch(events: TaskEvent[]): BatchLiveView {
  const items = new Map<string, LiveItem>();
  let counts: BatchLiveView['counts'] = null;
  let ended: TaskStatus | null = null;
  for (const event of events) {
    if (event.type === 'item_result') items.set(event.itemId, { status: 'done', classification: event.classification, error: null });
    else if (event.type === 'item_failed') items.set(event.itemId, { status: 'failed', classification: null, error: event.error });
    else if (event.type === 'batch_progress') counts = { done: event.done, failed: event.failed, total: event.total };
    else if (event.type === 'batch_finished' || event.type === 'cancelled') {
      counts = { done: event.done, failed: event.failed, total: event.total };
      ended = event.type === 'cancelled' ? 'cancelled' : event.status;
    }
  }
  // Item events may arrive before the next aggregate: never show fewer than the items seen.
  let seenDone = 0;
  let seenFailed = 0;
  for (const item of items.values()) {
    if (item.status === 'done') seenDone += 1;
    else seenFailed += 1;
  }
  if (counts && ended !== 'cancelled') counts = { ...counts, done: Math.max(counts.done, seenDone), failed: Math.max(counts.failed, seenFailed) };
  return { counts, items, ended };
}

export const countsFromTask = (counts: BatchCounts) => ({ done: counts.done, failed: counts.failed, total: counts.total, cancelled: counts.cancelled });
