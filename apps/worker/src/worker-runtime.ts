import type { AiClassifier } from '@nexa/contracts';
import type { NexaConfig } from '@nexa/config';
import { createTaskStore, type DatabaseHandle } from '@nexa/db';
import { connectRedis, createClassificationQueue, createEventLog, createThrottle, redisNames } from '@nexa/queue';
import { startClassificationWorker, type ClassificationWorker } from './classification-worker';
import { createClassifier, type ClassifierConfig } from './classifiers/create-classifier';
import type { NcmReference } from './classifiers/ncm-reference';
import { startReconciler } from './reconcile-unfinished-items';

export type WorkerConfig = Pick<
  NexaConfig,
  | 'NEXA_REDIS_PREFIX'
  | 'WORKER_CONCURRENCY'
  | 'AI_TIMEOUT_MS'
  | 'SHUTDOWN_TIMEOUT_MS'
  | 'EVENTS_TTL_SECONDS'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
  | 'JOB_LOCK_MS'
  | 'JOB_STALLED_CHECK_MS'
  | 'RECONCILE_INTERVAL_MS'
  | 'RECONCILE_AFTER_MS'
  | 'DETERMINISTIC_STEP_MS'
  | 'BATCH_PROGRESS_INTERVAL_MS'
> &
  ClassifierConfig;

export interface WorkerRuntimeOptions {
  /** Overrides the classifier AI_PROVIDER names. */
  classifier?: AiClassifier;
  /** The engine and table the `reference` and `openai` providers use, when already loaded. */
  reference?: NcmReference;
  onError?(error: unknown): void;
}

export interface WorkerRuntime extends ClassificationWorker {}

/** One worker process: its Redis connections, the BullMQ worker running classification jobs, and the reconciler. */
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
  const tasks = createTaskStore(database.db);
  const events = createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS });
  const queue = createClassificationQueue(commands, names, { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const worker = startClassificationWorker({
    queue,
    connection: blocking,
    names,
    tasks,
    events,
    classifier,
    throttle: createThrottle(commands, config.BATCH_PROGRESS_INTERVAL_MS),
    batchProgressIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS,
    concurrency: config.WORKER_CONCURRENCY,
    attemptTimeoutMs: config.AI_TIMEOUT_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    stalledIntervalMs: config.JOB_STALLED_CHECK_MS,
    lockDurationMs: config.JOB_LOCK_MS,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await worker.worker.waitUntilReady();
  const reconciler = startReconciler({
    tasks,
    events,
    queue,
    staleAfterMs: config.RECONCILE_AFTER_MS,
    intervalMs: config.RECONCILE_INTERVAL_MS,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    ...worker,
    async close() {
      await reconciler.stop();
      await worker.close();
      await queue.close().catch(() => {});
      await Promise.all([blocking, commands].map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
