import type { AiClassifier } from '@nexa/contracts';
import type { NexaConfig } from '@nexa/config';
import { createTaskStore, type DatabaseHandle } from '@nexa/db';
import { connectRedis, createClassificationQueue, createEventLog, createThrottle, redisNames } from '@nexa/queue';
import { createLogger, instrumentClassifier, loggingEventLog, QUEUE_STATES, type Logger, type NexaMetrics } from '@nexa/observability';
import { instrumentJobs } from './job-instrumentation';
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
  ClassifierConfig &
  Partial<Pick<NexaConfig, 'LOG_LEVEL'>>;

export interface WorkerRuntimeOptions {
  /** Overrides the classifier AI_PROVIDER names. */
  classifier?: AiClassifier;
  /** The engine and table the `reference` and `openai` providers use, when already loaded. */
  reference?: NcmReference;
  onError?(error: unknown): void;
  /** The process's pino logger; one is made from `LOG_LEVEL` when absent. */
  logger?: Logger;
  /** Where job, AI and queue metrics go (shared with an in-process server in the embedded default). */
  metrics?: NexaMetrics;
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
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL ?? 'info', base: { process: 'worker' } });
  const classifier =
    options.classifier ?? (await createClassifier(config, { redisUrl, logger, ...(options.reference ? { reference: options.reference } : {}) }));
  const blocking = await connectRedis(redisUrl, 'worker', { name: config.NEXA_REDIS_PREFIX });
  const commands = await connectRedis(redisUrl, 'jobCommands', { name: config.NEXA_REDIS_PREFIX });
  const tasks = createTaskStore(database.db);
  const events = loggingEventLog(createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS }), logger);
  const queue = createClassificationQueue(blocking, names, { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  options.metrics?.watchQueue(() => queue.queue.getJobCounts(...QUEUE_STATES));
  const worker = startClassificationWorker({
    queue,
    connection: blocking,
    names,
    tasks,
    events,
    classifier: instrumentClassifier(classifier, { logger, ...(options.metrics ? { metrics: options.metrics } : {}) }),
    instrument: instrumentJobs({ logger, metrics: options.metrics }),
    throttle: createThrottle(commands, config.BATCH_PROGRESS_INTERVAL_MS),
    batchProgressIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS,
    concurrency: config.WORKER_CONCURRENCY,
    attemptTimeoutMs: config.AI_TIMEOUT_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    stalledIntervalMs: config.JOB_STALLED_CHECK_MS,
    lockDurationMs: config.JOB_LOCK_MS,
    onError: (error) => {
      logger.error({ err: error }, 'worker error');
      options.onError?.(error);
    },
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
