import type { AiClassifier } from '@nexa/contracts';
import type { NexaConfig } from '@nexa/config';
import { createTaskStore, type DatabaseHandle } from '@nexa/db';
import { connectRedis, createClassificationQueue, createEventLog, createThrottle, redisNames } from '@nexa/queue';
import { startClassificationWorker, type ClassificationWorker } from './classification-worker';
import { createDeterministicClassifier } from './classifiers/deterministic';

export type WorkerConfig = Pick<
  NexaConfig,
  | 'NEXA_REDIS_PREFIX'
  | 'WORKER_CONCURRENCY'
  | 'AI_TIMEOUT_MS'
  | 'SHUTDOWN_TIMEOUT_MS'
  | 'EVENTS_TTL_SECONDS'
  | 'BATCH_PROGRESS_INTERVAL_MS'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
>;

export interface WorkerRuntimeOptions {
  classifier?: AiClassifier;
  stalledIntervalMs?: number;
  lockDurationMs?: number;
  onError?(error: Error): void;
}

export interface WorkerRuntime extends ClassificationWorker {}

/** One worker process: its Redis connections and the BullMQ worker running classification jobs. */
export async function startWorkerRuntime(
  config: WorkerConfig,
  redisUrl: string,
  database: DatabaseHandle,
  options: WorkerRuntimeOptions = {},
): Promise<WorkerRuntime> {
  const names = redisNames(config.NEXA_REDIS_PREFIX);
  const blocking = await connectRedis(redisUrl, 'worker', { name: config.NEXA_REDIS_PREFIX });
  const commands = await connectRedis(redisUrl, 'worker', { name: config.NEXA_REDIS_PREFIX });
  const producer = createClassificationQueue(commands, names, { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const worker = startClassificationWorker({
    queue: producer,
    connection: blocking,
    names,
    tasks: createTaskStore(database.db),
    events: createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS }),
    classifier: options.classifier ?? createDeterministicClassifier(),
    throttle: createThrottle(commands, config.BATCH_PROGRESS_INTERVAL_MS),
    batchProgressIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS,
    concurrency: config.WORKER_CONCURRENCY,
    attemptTimeoutMs: config.AI_TIMEOUT_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    ...(options.stalledIntervalMs ? { stalledIntervalMs: options.stalledIntervalMs } : {}),
    ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await worker.worker.waitUntilReady();
  return {
    ...worker,
    async close() {
      await worker.close();
      await producer.close().catch(() => {});
      await Promise.all([blocking, commands].map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
