import type { EventLog, TaskStore } from '@nexa/contracts';
import type { ClassificationQueue } from '@nexa/queue';
import { announceBatchItemEnd } from './batch-item-events';

export interface ReconcileDeps {
  tasks: TaskStore;
  events: EventLog;
  queue: ClassificationQueue;
  staleAfterMs: number;
  batchSize?: number;
}

export interface ReconcileReport {
  requeued: number;
  failed: number;
}

/**
 * The database is the record of what was accepted; the queue can lose jobs (Redis restarted without
 * its data, a job removed by hand). Every unfinished item that has not moved for a while must have a
 * live job: a missing job is enqueued again, a job that failed for good fails its item.
 */
export async function reconcileUnfinishedItems({ tasks, events, queue, staleAfterMs, batchSize = 500 }: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: 0, failed: 0 };
  const stale = await tasks.findStaleUnfinishedItems(new Date(Date.now() - staleAfterMs), batchSize);
  for (const ref of stale) {
    const job = await queue.queue.getJob(ref.itemId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'missing' || state === 'unknown' || state === 'completed') {
      if (job) await job.remove().catch(() => {});
      await queue.enqueue(ref);
      report.requeued += 1;
    } else if (state === 'failed') {
      const reason = job?.failedReason || 'the job failed';
      const item = await tasks.getItem(ref.itemId);
      if (item?.taskKind === 'batch') {
        const { failed, ending } = await tasks.failItem(ref.itemId, reason);
        if (failed) await announceBatchItemEnd(events, ref.itemId, item, { type: 'item_failed', error: reason }, ending);
      } else {
        if ((await tasks.failItem(ref.itemId, reason)).failed) await events.append({ type: 'failed', taskId: ref.taskId, error: reason });
      }
      report.failed += 1;
    }
  }
  return report;
}

/** Runs the reconciliation every `intervalMs` until stopped; errors wait for the next round. */
export function startReconciler(deps: ReconcileDeps & { intervalMs: number; onError?(error: unknown): void }) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = reconcileUnfinishedItems(deps).catch((error: unknown) => deps.onError?.(error));
  }, deps.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
