import type { ClassificationJob, JobQueue } from '@nexa/contracts';
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CLASSIFICATION_QUEUE, type RedisNames } from './keys';

export const classificationJobPayload = z.object({ taskId: z.string().uuid(), itemId: z.string().uuid() });

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
    async ping() {
      await connection.ping();
    },
    close: () => queue.close(),
  };
}
