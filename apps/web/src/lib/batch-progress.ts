import type { BatchCounts, Classification, TaskEvent, TaskStatus } from '@nexa/client';

export interface LiveItem {
  status: TaskStatus;
  classification: Classification | null;
  error: string | null;
}

export interface DisplayedCounts {
  done: number;
  failed: number;
  total: number;
  cancelled?: number;
}

export interface BatchLiveView {
  /** The latest aggregate counts the events told, or null before the first. */
  counts: { done: number; failed: number; total: number } | null;
  /**
   * Per item id: what its events said (newer than any page loaded before them). The same map grows as
   * events arrive; an item's entry is a new object each time its events change it, so a row compares it.
   */
  items: ReadonlyMap<string, LiveItem>;
  /** `done` / `failed` from `batch_finished`, `cancelled` from `cancelled`, else null while it runs. */
  ended: TaskStatus | null;
}

/**
 * Folds a batch's events (replayed from the start, then live) into its items and aggregate progress,
 * one event at a time: the work per message is proportional to its events, not to all seen so far.
 */
export class BatchProgress {
  private readonly items = new Map<string, LiveItem>();
  private counts: BatchLiveView['counts'] = null;
  private ended: TaskStatus | null = null;
  private seenDone = 0;
  private seenFailed = 0;

  add(event: TaskEvent): void {
    if (event.type === 'item_result') this.setItem(event.itemId, { status: 'done', classification: event.classification, error: null });
    else if (event.type === 'item_failed') this.setItem(event.itemId, { status: 'failed', classification: null, error: event.error });
    else if (event.type === 'batch_progress') this.counts = { done: event.done, failed: event.failed, total: event.total };
    else if (event.type === 'batch_finished' || event.type === 'cancelled') {
      this.counts = { done: event.done, failed: event.failed, total: event.total };
      this.ended = event.type === 'cancelled' ? 'cancelled' : event.status;
    }
  }

  view(): BatchLiveView {
    // Item events may arrive before the next aggregate: never show fewer than the items seen.
    const counts =
      this.counts && this.ended !== 'cancelled'
        ? { ...this.counts, done: Math.max(this.counts.done, this.seenDone), failed: Math.max(this.counts.failed, this.seenFailed) }
        : this.counts;
    return { counts, items: this.items, ended: this.ended };
  }

  private setItem(itemId: string, item: LiveItem) {
    const previous = this.items.get(itemId);
    if (previous?.status === 'done') this.seenDone -= 1;
    else if (previous?.status === 'failed') this.seenFailed -= 1;
    if (item.status === 'done') this.seenDone += 1;
    else this.seenFailed += 1;
    this.items.set(itemId, item);
  }
}

export const countsFromTask = (counts: BatchCounts): DisplayedCounts => ({ done: counts.done, failed: counts.failed, total: counts.total, cancelled: counts.cancelled });

/**
 * The counts the page shows. A reload replays the events from the start, so their counts climb from
 * zero while `task.get` already said where the batch is: neither ever goes below what `task.get` said.
 * A cancel's event counts the moment it stopped the batch; the task, read again once it ended, also
 * counts the items that were processing then and the cancelled ones.
 */
export function displayedCounts(task: { status: TaskStatus; counts: BatchCounts }, batch: BatchLiveView): DisplayedCounts {
  const stored = countsFromTask(task.counts);
  const ended = batch.ended ?? task.status;
  if ((ended === 'cancelled' && task.status === 'cancelled') || !batch.counts) return stored;
  return {
    done: Math.max(batch.counts.done, stored.done),
    failed: Math.max(batch.counts.failed, stored.failed),
    total: Math.max(batch.counts.total, stored.total),
    cancelled: stored.cancelled,
  };
}
