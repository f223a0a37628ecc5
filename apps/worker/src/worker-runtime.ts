import type { AiClassifier } from '@nexa/contracts';
import type { NexaConfig } from '@nexa/config';
import { createTaskStore, type DatabaseHandle } from '@nexa/db';
import { connectRedis, createEventLog, redisNames } from '@nexa/queue';
import { startClassificationWorker, type ClassificationWorker } from './classification-worker';
import { createClassifier, type ClassifierConfig } from './classifiers/create-classifier';
import type { NcmReference } from './classifiers/ncm-reference';

export type WorkerConfig = Pick<
  NexaConfig,
  'NEXA_REDIS_PREFIX' | 'WORKER_CONCURRENCY' | 'AI_TIMEOUT_MS' | 'SHUTDOWN_TIMEOUT_MS' | 'EVENTS_TTL_SECONDS'
> &
  ClassifierConfig;

export interface WorkerRuntimeOptions {
  /** Overrides the classifier AI_PROVIDER names. */
  classifier?: AiClassifier;
  /** The engine and table the `reference` and `openai` providers use, when already loaded. */
  reference?: NcmReference;
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
  const classifier =
    options.classifier ?? (await createClassifier(config, { redisUrl, ...(options.reference ? { reference: options.reference } : {}) }));
  const blocking = await connectRedis(redisUrl, 'worker', { name: config.NEXA_REDIS_PREFIX });
  const commands = await connectRedis(redisUrl, 'worker', { name: config.NEXA_REDIS_PREFIX });
  const worker = startClassificationWorker({
    connection: blocking,
    names,
    tasks: createTaskStore(database.db),
    events: createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS }),
    classifier,
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
      await Promise.all([blocking, commands].map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
