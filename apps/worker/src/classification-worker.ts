import { type AiClassifier, type EventLog, type JobQueue, type TaskStore } from '@nexa/contracts';
import { CLASSIFICATION_QUEUE, type RedisNames, type Throttle } from '@nexa/queue';
import { createBatchProgressReporter } from './batch-progress';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobProcessor } from './job-instrumentation';
import { createJobProcessor } from './process-classification-job';

export interface ClassificationWorkerOptions {
  connection: Redis;
  names: RedisNames;
  tasks: TaskStore;
  events: EventLog;
  classifier: AiClassifier;
  /** Producer for the item jobs a batch's fan-out job queues. */
  queue: Pick<JobQueue, 'enqueueMany'>;
  /** Shared (Redis-side) throttle of batch progress events. */
  throttle: Throttle;
  /** Shortest time between two `batch_progress` events of one task. */
  batchProgressIntervalMs: number;
  concurrency: number;
  attemptTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** How often stalled jobs (from a worker that died) are looked for. */
  stalledIntervalMs: number;
  lockDurationMs: number;
  onError?(error: Error): void;
  /** Wraps the job processor (logging, metrics, correlation scope). */
  instrument?(processor: JobProcessor): JobProcessor;
}

export interface ClassificationWorker {
  worker: Worker;
  /** Stops taking jobs, lets running ones finish within the shutdown bound, then returns the rest to the queue. */
  close(): Promise<void>;
}

export function startClassificationWorker(options: ClassificationWorkerOptions): ClassificationWorker {
  const batchProgress = createBatchProgressReporter(options, options.batchProgressIntervalMs);
  const processor = createJobProcessor({ ...options, batchProgress });
  const worker = new Worker(CLASSIFICATION_QUEUE, options.instrument ? options.instrument(processor) : processor, {
    connection: options.connection,
    prefix: options.names.bullPrefix,
    concurrency: options.concurrency,
    stalledInterval: options.stalledIntervalMs,
    lockDuration: options.lockDurationMs,
  });
  worker.on('error', (error) => options.onError?.(error));

  let closing: Promise<void> | null = null;
  return {
    worker,
    close() {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const gentle = worker.close();
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs);
        });
        const outcome = await Promise.race([gentle.then(() => 'closed' as const), timedOut]);
        clearTimeout(timer);
        // Unfinished jobs keep their lock until it expires, then another worker picks them up.
        if (outcome === 'timeout') await worker.close(true);
        await options.classifier.close?.();
      })();
      return closing;
    },
  };
}
