import type { ClassificationJob, JobQueue } from '@nexa/contracts';
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CLASSIFICATION_QUEUE, type RedisNames } from './keys';

export const classificationJobPayload = z.object({ taskId: z.string().uuid(), itemId: z.string().uuid() });

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
      const payload = classificationJobPayload.parse(job);
      // The item id as job id makes enqueueing idempotent: adding the same item twice is a no-op.
      await queue.add('classify', payload, { jobId: payload.itemId });
    },
    async enqueueMany(jobs: readonly ClassificationJob[]) {
      for (let start = 0; start < jobs.length; start += BULK_CHUNK) {
        const chunk = jobs.slice(start, start + BULK_CHUNK).map((job) => {
          const payload = classificationJobPayload.parse(job);
          return { name: 'classify', data: payload, opts: { jobId: payload.itemId } };
        });
        await queue.addBulk(chunk);
      }
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
