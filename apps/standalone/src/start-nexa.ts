import { randomBytes } from 'node:crypto';
import { createLogger, createMetrics, type Logger, type NexaMetrics } from '@nexa/observability';
import path from 'node:path';
import { startAiServer, type RunningAiServer } from '@nexa/ai-server';
import { loadOrCreateDevelopmentSecret } from '@nexa/auth';
import type { NexaConfig } from '@nexa/config';
import type { AiClassifier } from '@nexa/contracts';
import { createNcmCatalog, openDatabase, type DatabaseHandle } from '@nexa/db';
import { startServerRuntime, type ServerRuntime, type ServerRuntimeOptions } from '@nexa/server';
import { loadNcmReference, resolveNcmFiles, startWorkerRuntime, type NcmReference, type WorkerConfig, type WorkerRuntime } from '@nexa/worker';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis';
import { importNcmTableIfEmpty } from './ncm-table-at-start';

export interface StartNexaOptions {
  config: NexaConfig;
  /** Defaults to the configured database, or PGlite under NEXA_DATA_DIR. */
  database?: DatabaseHandle;
  /** Overrides the classifier AI_PROVIDER names. */
  classifier?: AiClassifier;
  /** Run the server only (e.g. for a second instance in tests). */
  withWorker?: boolean;
  /** Import the NCM table file into an empty database at start (`pnpm start` does; default false). */
  importNcmTable?: boolean;
  log?(message: string): void;
  /** The pino logger of the server and the worker (one from LOG_LEVEL when absent). */
  logger?: Logger;
  /** Shared by the server and the worker, so the one `/metrics` shows both. */
  metrics?: NexaMetrics;
  /** Where the server's log lines go (default stdout). */
  logStream?: ServerRuntimeOptions['logStream'];
}

export interface RunningNexa {
  url: string;
  redisUrl: string;
  server: ServerRuntime;
  worker: WorkerRuntime | null;
  /** The reference AI server started in-process for AI_PROVIDER=nexa-http without AI_SERVER_URL. */
  aiServer: RunningAiServer | null;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The whole product in one process: server and worker share one database handle, which is what
 * makes the embedded PGlite default possible (PGlite admits a single process).
 */
export async function startNexa({
  config: given,
  database,
  classifier,
  withWorker = true,
  importNcmTable = false,
  log = () => {},
  logStream,
  logger = createLogger({ level: given.LOG_LEVEL, ...(logStream ? { destination: logStream } : {}) }),
  metrics = createMetrics(),
}: StartNexaOptions): Promise<RunningNexa> {
  let config = given;
  if (!config.JWT_SECRET) {
    // Only reachable outside production: the configuration refuses a production start without JWT_SECRET.
    const { secret, file, created } = await loadOrCreateDevelopmentSecret(config.NEXA_DATA_DIR);
    log(`JWT_SECRET is not set: ${created ? 'generated' : 'using'} a development secret kept in ${file} (set JWT_SECRET in production)`);
    config = { ...config, JWT_SECRET: secret };
  }
  let embeddedRedis: EmbeddedRedis | null = null;
  let redisUrl = config.REDIS_URL;
  if (!redisUrl) {
    embeddedRedis = await startEmbeddedRedis(config.NEXA_DATA_DIR);
    redisUrl = embeddedRedis.url;
    log(`Started a private redis-server at ${redisUrl} (data in ${path.resolve(config.NEXA_DATA_DIR, 'redis')})`);
  }
  const ownsDatabase = !database;
  const db =
    database ??
    (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.NEXA_DATA_DIR, 'pglite'), migrationsFolder: config.NEXA_MIGRATIONS_DIR }));
  if (ownsDatabase) log(db.kind === 'pglite' ? `Using the embedded PGlite database in ${path.resolve(config.NEXA_DATA_DIR, 'pglite')}` : 'Using PostgreSQL from DATABASE_URL');

  const ncmFiles = resolveNcmFiles({ tablePath: config.NCM_TABLE_PATH, comexstatPath: config.NCM_COMEXSTAT_PATH });
  if (importNcmTable) await importNcmTableIfEmpty(createNcmCatalog(db.db), ncmFiles, log);

  let aiServer: RunningAiServer | null = null;
  let worker: WorkerRuntime | null = null;
  if (withWorker) {
    let workerConfig: WorkerConfig = config;
    let reference: NcmReference | undefined;
    if (!classifier && config.AI_PROVIDER === 'nexa-http' && !config.AI_SERVER_URL) {
      if (!ncmFiles.tablePath) {
        log('No NCM table file for the reference AI server (set NCM_TABLE_PATH): classifications use the deterministic stand-in.');
        workerConfig = { ...config, AI_PROVIDER: 'deterministic' };
      } else {
        reference = loadNcmReference({ tablePath: ncmFiles.tablePath, comexstatPath: ncmFiles.comexstatPath ?? undefined });
        // Loopback only, and a token of its own so that nothing else on the machine can post jobs.
        const token = config.AI_SERVER_TOKEN ?? randomBytes(24).toString('base64url');
        aiServer = await startAiServer({
          engine: reference.engine,
          redisUrl,
          host: '127.0.0.1',
          port: 0,
          token,
          logLevel: config.LOG_LEVEL,
          redisName: `${config.NEXA_REDIS_PREFIX}:ai`,
          learnFromPrefix: config.NEXA_REDIS_PREFIX,
        });
        workerConfig = { ...config, AI_SERVER_URL: aiServer.url, AI_SERVER_TOKEN: token };
        log(`Started the reference AI server at ${aiServer.url} (NCM table ${reference.engine.tableVersion}, ${reference.engine.size} codes)`);
      }
    }
    worker = await startWorkerRuntime(workerConfig, redisUrl, db, {
      logger: logger.child({ process: 'worker' }),
      metrics,
      ...(classifier ? { classifier } : {}),
      ...(reference ? { reference } : {}),
    }).catch(async (error: unknown) => {
      await aiServer?.close();
      throw error;
    });
  }
  const server = await startServerRuntime(config, redisUrl, db, { logger: logger.child({ process: 'server' }), metrics });

  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    redisUrl,
    server,
    worker,
    aiServer,
    database: db,
    close() {
      closing ??= (async () => {
        await Promise.all([server.close(), worker?.close()]);
        await aiServer?.close();
        if (ownsDatabase) await db.close();
        await embeddedRedis?.stop();
      })();
      return closing;
    },
  };
}
