import { classifierOutcome, type AiClassifier, type EventLog, type TaskStore } from '@nexa/contracts';
import { classificationJobPayload } from '@nexa/queue';
import { UnrecoverableError, type Job } from 'bullmq';

export interface JobProcessorDeps {
  tasks: TaskStore;
  events: EventLog;
  classifier: AiClassifier;
  /** The longest one attempt may take. */
  attemptTimeoutMs: number;
}

export class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`the AI classifier did not answer within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one classification job: idempotent, bounded in time, and final failures are recorded and announced. */
export function createJobProcessor({ tasks, events, classifier, attemptTimeoutMs }: JobProcessorDeps) {
  return async function processClassificationJob(job: Job, _token?: string, shutdownSignal?: AbortSignal): Promise<string> {
    const parsed = classificationJobPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed job payload: ${parsed.error.message}`);
    const { taskId, itemId } = parsed.data;

    const item = await tasks.getItem(itemId);
    if (!item) return 'task deleted';
    if (item.status === 'done') {
      // Stored by an earlier attempt that died before announcing it.
      const classification = await tasks.classificationOfItem(itemId);
      if (classification) await events.append({ type: 'result', taskId, classification });
      return 'already done';
    }
    if (item.status === 'failed' || item.status === 'cancelled') return `already ${item.status}`;

    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    await tasks.markItemProcessing(itemId);

    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const signal = shutdownSignal ? AbortSignal.any([timeout, shutdownSignal]) : timeout;
    try {
      const outcome = await abortable(
        classifier.classify(item, {
          signal,
          onProgress: async (progress) => {
            if (!signal.aborted) await events.append({ type: 'progress', taskId, ...progress });
          },
        }),
        signal,
        () => (timeout.aborted ? new AttemptTimeoutError(attemptTimeoutMs) : new Error('the worker is shutting down')),
      );
      const checked = classifierOutcome.safeParse(outcome);
      if (!checked.success) throw new Error(`the AI classifier answered with an invalid result: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const classification = await tasks.completeItem(itemId, checked.data);
      await events.append({ type: 'result', taskId, classification });
      return classification.id;
    } catch (error) {
      const reason = reasonOf(error);
      const final = attempt >= maxAttempts || error instanceof UnrecoverableError;
      if (final) {
        await tasks.failItem(itemId, reason);
        await events.append({ type: 'failed', taskId, error: reason });
      } else {
        await events.append({ type: 'progress', taskId, current: 0, total: 1, message: `Attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying` });
      }
      throw error;
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
