import { loadOrCreateDevelopmentSecret } from '@nexa/auth';
import type { AiClassifier } from '@nexa/contracts';
import type { NexaConfig } from '@nexa/config';
import { openDatabase, type DatabaseHandle } from '@nexa/db';
import { startServerRuntime, type ServerRuntime, type ServerRuntimeOptions } from '@nexa/server';
import { startWorkerRuntime, type WorkerRuntime } from '@nexa/worker';
import path from 'node:path';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis';

export interface StartNexaOptions {
  config: NexaConfig;
  /** Defaults to the configured database, or PGlite under NEXA_DATA_DIR. */
  database?: DatabaseHandle;
  classifier?: AiClassifier;
  /** Run the server only (e.g. for a second instance in tests). */
  withWorker?: boolean;
  log?(message: string): void;
  /** Where the server's log lines go (default stdout). */
  logStream?: ServerRuntimeOptions['logStream'];
}

export interface RunningNexa {
  url: string;
  redisUrl: string;
  server: ServerRuntime;
  worker: WorkerRuntime | null;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The whole product in one process: server and worker share one database handle, which is what
 * makes the embedded PGlite default possible (PGlite admits a single process).
 */
export async function startNexa({ config: given, database, classifier, withWorker = true, log = () => {}, logStream }: StartNexaOptions): Promise<RunningNexa> {
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
    (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(config.NEXA_DATA_DIR, 'pglite') }));
  if (ownsDatabase) log(db.kind === 'pglite' ? `Using the embedded PGlite database in ${path.resolve(config.NEXA_DATA_DIR, 'pglite')}` : 'Using PostgreSQL from DATABASE_URL');

  const worker = withWorker ? await startWorkerRuntime(config, redisUrl, db, classifier ? { classifier } : {}) : null;
  const server = await startServerRuntime(config, redisUrl, db, logStream ? { logStream } : {});

  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    redisUrl,
    server,
    worker,
    database: db,
    close() {
      closing ??= (async () => {
        await Promise.all([server.close(), worker?.close()]);
        if (ownsDatabase) await db.close();
        await embeddedRedis?.stop();
      })();
      return closing;
    },
  };
}
