import { exitUnreachable, loadConfigOrExit } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { createLogger, createMetrics } from '@nexa/observability';
import { redactUrl, RedisUnreachableError } from '@nexa/queue';
import { serveWorkerMetrics, type WorkerMetricsServer } from './metrics-server';
import { startWorkerRuntime } from './worker-runtime';

// A worker process on its own (run as many as needed): needs shared Redis and PostgreSQL.
const config = loadConfigOrExit();
if (!config.REDIS_URL || !config.DATABASE_URL) {
  process.stderr.write('apps/worker needs REDIS_URL and DATABASE_URL; for everything in one process on embedded defaults run `pnpm start`.\n');
  process.exit(78);
}

const logger = createLogger({ level: config.LOG_LEVEL, base: { process: 'worker' } });
const metrics = createMetrics();
const { DATABASE_URL, REDIS_URL } = config;
const database = await openDatabase({ databaseUrl: DATABASE_URL, migrationsFolder: config.NEXA_MIGRATIONS_DIR }).catch((error: unknown) =>
  exitUnreachable(logger, { service: 'PostgreSQL', variable: 'DATABASE_URL', url: redactUrl(DATABASE_URL) }, error),
);
const worker = await startWorkerRuntime(config, REDIS_URL, database, { logger, metrics }).catch(async (error: unknown) => {
  if (error instanceof RedisUnreachableError) {
    await database.close().catch(() => {});
    exitUnreachable(logger, { service: 'Redis', variable: 'REDIS_URL', url: redactUrl(REDIS_URL) }, error);
  }
  // E.g. AI_PROVIDER=nexa-http without AI_SERVER_URL, or no NCM table for the reference engine.
  logger.fatal({ err: error }, `The worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  await database.close();
  process.exit(78);
});
let metricsServer: WorkerMetricsServer | null = null;
if (config.WORKER_METRICS_PORT !== undefined) {
  metricsServer = await serveWorkerMetrics(metrics, { host: config.HOST, port: config.WORKER_METRICS_PORT, token: config.METRICS_TOKEN });
  logger.info({ url: metricsServer.url }, 'worker metrics served');
}
// A plain line whatever LOG_LEVEL says, as the server prints: launchers and tests wait for it.
process.stdout.write(`Nexa worker running (concurrency ${config.WORKER_CONCURRENCY})\n`);

const stop = () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  worker
    .close()
    .then(() => metricsServer?.close())
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
