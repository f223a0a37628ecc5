import type { ClassificationJob, JobQueue } from '@nexa/contracts';
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { currentCorrelationId } from '@nexa/observability';
import { CLASSIFICATION_QUEUE, type RedisNames } from './keys';

/** Optional, so jobs queued before it existed still parse; see `@nexa/observability`'s correlation scope. */
const correlationId = z.string().min(1).max(128).optional();
export const classificationJobPayload = z.object({ taskId: z.string().uuid(), itemId: z.string().uuid(), correlationId });
/** A batch's fan-out job: queues one classification job per queued item of the task. */
export const fanOutJobPayload = z.object({ taskId: z.string().uuid(), correlationId });
/** Every job carries the correlation id of the scope that queued it (a request, or the fan-out job). */
const correlated = <T extends object>(payload: T): T => {
  const id = currentCorrelationId();
  return id ? { ...payload, correlationId: id } : payload;
};
export const CLASSIFY_JOB = 'classify';
export const FAN_OUT_JOB = 'fan-out';
export const fanOutJobId = (taskId: string) => `fan-out-${taskId}`;

/** Jobs per `addBulk` call: one MULTI each, big enough to be fast, small enough not to block Redis. */
const BULK_CHUNK = 1000;

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

export function classificationJobOptions({ attempts, backoffMs }: RetryPolicy): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export interface ClassificationQueue extends JobQueue {
  queue: Queue;
  close(): Promise<void>;
}

/**
 * The producer side of the classification queue. The connection should be created with
 * `enableOfflineQueue: false` so that a submission fails fast while Redis is unreachable.
 */
export function createClassificationQueue(connection: Redis, names: RedisNames, retry: RetryPolicy): ClassificationQueue {
  const queue = new Queue(CLASSIFICATION_QUEUE, {
    connection,
    prefix: names.bullPrefix,
    defaultJobOptions: classificationJobOptions(retry),
    skipWaitingForReady: true,
  });
  queue.on('error', () => {});
  return {
    queue,
    async enqueue(job: ClassificationJob) {
      const payload = classificationJobPayload.parse(correlated(job));
      // The item id as job id makes enqueueing idempotent: adding the same item twice is a no-op.
      await queue.add(CLASSIFY_JOB, payload, { jobId: payload.itemId });
    },
    async enqueueFanOut(taskId: string) {
      const payload = fanOutJobPayload.parse(correlated({ taskId }));
      await queue.add(FAN_OUT_JOB, payload, { jobId: fanOutJobId(taskId) });
    },
    async enqueueMany(jobs: readonly ClassificationJob[]) {
      const chunks = [];
      for (let start = 0; start < jobs.length; start += BULK_CHUNK) {
        chunks.push(
          jobs.slice(start, start + BULK_CHUNK).map((job) => {
            const payload = classificationJobPayload.parse(correlated(job));
            return { name: CLASSIFY_JOB, data: payload, opts: { jobId: payload.itemId } };
          }),
        );
      }
      // Several bulk adds in flight at once keep Redis busy while the next chunk is being serialised.
      await Promise.all(chunks.map((chunk) => queue.addBulk(chunk)));
    },
    async removeJobs(itemIds: readonly string[]) {
      // Best effort: a job that is running is locked and stays; the worker skips cancelled items anyway.
      for (let start = 0; start < itemIds.length; start += BULK_CHUNK) {
        await Promise.all(itemIds.slice(start, start + BULK_CHUNK).map((id) => queue.remove(id).catch(() => 0)));
      }
    },
    async ping() {
      await connection.ping();
    },
    close: () => queue.close(),
  };
}
