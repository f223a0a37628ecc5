import { ClassifierRefusal, classifierOutcome, type AiClassifier, type EventLog, type JobQueue, type TaskStore } from '@nexa/contracts';
import { classificationJobPayload, FAN_OUT_JOB, fanOutJobPayload } from '@nexa/queue';
import type { BatchProgressReporter } from './batch-progress';
import { announceAgainBatchItemEnd, announceBatchItemEnd } from './batch-item-events';
import { UnrecoverableError, type Job } from 'bullmq';

export interface JobProcessorDeps {
  tasks: TaskStore;
  events: EventLog;
  classifier: AiClassifier;
  /** The longest one attempt may take. */
  attemptTimeoutMs: number;
  /** Writes a batch's aggregate progress at most once per interval. */
  batchProgress: BatchProgressReporter;
  /** Where a batch's fan-out job queues the item jobs. */
  queue: Pick<JobQueue, 'enqueueMany'>;
}

export class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`the AI classifier did not answer within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one classification job: idempotent, bounded in time, and final failures are recorded and announced. */
export function createJobProcessor({ tasks, events, classifier, attemptTimeoutMs, batchProgress, queue }: JobProcessorDeps) {
  /** Queues a job per item still queued (none after a cancel); retried safely, as item job ids are the item ids. */
  async function fanOut(job: Job): Promise<string> {
    const parsed = fanOutJobPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed fan-out payload: ${parsed.error.message}`);
    const { taskId } = parsed.data;
    const itemIds = await tasks.queuedItemIds(taskId);
    await queue.enqueueMany(itemIds.map((itemId) => ({ taskId, itemId })));
    return `queued ${itemIds.length} items`;
  }

  return async function processClassificationJob(job: Job, _token?: string, shutdownSignal?: AbortSignal): Promise<string> {
    if (job.name === FAN_OUT_JOB) return fanOut(job);
    const parsed = classificationJobPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed job payload: ${parsed.error.message}`);
    const { taskId, itemId } = parsed.data;

    // Taken in the same step as it is read: a cancelled or finished item is left as it is.
    const claim = await tasks.claimItem(itemId);
    const { item } = claim;
    if (!item) return 'task deleted';
    const isBatch = item.taskKind === 'batch';
    if (!claim.claimed && isBatch) {
      await announceAgainBatchItemEnd(tasks, events, itemId, item);
      return `already ${item.status}`;
    }
    if (!claim.claimed && item.status === 'done') {
      // Stored by an earlier attempt that died before announcing it.
      const classification = await tasks.classificationOfItem(itemId);
      if (classification) await events.append({ type: 'result', taskId, classification });
      return 'already done';
    }
    if (!claim.claimed) return `already ${item.status}`;

    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const signal = shutdownSignal ? AbortSignal.any([timeout, shutdownSignal]) : timeout;
    try {
      const outcome = await abortable(
        classifier.classify(item, {
          signal,
          onProgress: async (progress) => {
            // A batch reports aggregate progress instead of every item's steps.
            if (!signal.aborted && !isBatch) await events.append({ type: 'progress', taskId, ...progress });
          },
        }),
        signal,
        () => (timeout.aborted ? new AttemptTimeoutError(attemptTimeoutMs) : new Error('the worker is shutting down')),
      );
      const checked = classifierOutcome.safeParse(outcome);
      if (!checked.success) throw new Error(`the AI classifier answered with an invalid result: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (isBatch) {
        const { classification, ending } = await tasks.completeItem(itemId, checked.data);
        await announceBatchItemEnd(events, itemId, item, { type: 'item_result', classification }, ending);
        if (!ending) await batchProgress.maybeReport(taskId);
        return classification.id;
      }
      const classification = await tasks.completeSingleItem(itemId, checked.data);
      await events.append({ type: 'result', taskId, classification });
      return classification.id;
    } catch (error) {
      const reason = reasonOf(error);
      const final = attempt >= maxAttempts || error instanceof UnrecoverableError || error instanceof ClassifierRefusal;
      if (final && isBatch) {
        const { failed, ending } = await tasks.failItem(itemId, reason);
        if (failed) await announceBatchItemEnd(events, itemId, item, { type: 'item_failed', error: reason }, ending);
        if (!ending) await batchProgress.maybeReport(taskId).catch(() => {});
      } else if (final) {
        // Not when the item had ended: its result was stored, and only announcing it failed.
        if ((await tasks.failItem(itemId, reason)).failed) await events.append({ type: 'failed', taskId, error: reason });
      } else if (!isBatch) {
        await events.append({ type: 'progress', taskId, current: 0, total: 1, message: `Attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying` });
      }
      throw error instanceof ClassifierRefusal ? new UnrecoverableError(reason) : error;
    }
  };
}

/** Settles with the work, or rejects as soon as the signal aborts, even if the work never settles. */
function abortable<T>(work: Promise<T>, signal: AbortSignal, reason: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
