import type { EventLog, TaskStore } from '@nexa/contracts';
import type { RedisNames, Throttle } from '@nexa/queue';

export interface BatchProgressReporter {
  /** Appends `batch_progress` unless one was written for this task within the interval (by any worker). */
  maybeReport(taskId: string): Promise<void>;
}

export function createBatchProgressReporter(
  { tasks, events, throttle, names }: { tasks: TaskStore; events: EventLog; throttle: Throttle; names: RedisNames },
  intervalMs: number,
): BatchProgressReporter {
  // A local check first, so a busy worker asks Redis at most once per interval per task.
  const lastTried = new Map<string, number>();
  return {
    async maybeReport(taskId) {
      const now = Date.now();
      if (now - (lastTried.get(taskId) ?? 0) < intervalMs) return;
      lastTried.set(taskId, now);
      if (lastTried.size > 10_000) lastTried.clear();
      if (!(await throttle.tryAcquire(names.batchProgressThrottle(taskId)))) return;
      const { queued, processing, done, failed, total } = await tasks.countItems(taskId);
      // Every item has ended: the last one announces `batch_finished` with these counts.
      if (queued + processing === 0) return;
      // The last item may end between the count and the append; the log then refuses the late report.
      await events.appendUnlessEnded({ type: 'batch_progress', taskId, done, failed, total });
    },
  };
}
