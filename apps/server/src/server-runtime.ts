import type { NexaConfig } from '@nexa/config';
import { createNcmCatalog, createTaskStore, type DatabaseHandle } from '@nexa/db';
import { connectRedis, createClassificationQueue, createEventLog, createSharedEventFeed, redisNames } from '@nexa/queue';
import { buildServer, type NexaServer } from './build-server';
import { DEFAULT_WEB_DIST_DIR } from './web-app';

export type ServerConfig = Pick<
  NexaConfig,
  | 'HOST'
  | 'PORT'
  | 'LOG_LEVEL'
  | 'NEXA_REDIS_PREFIX'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
  | 'EVENTS_TTL_SECONDS'
  | 'SHUTDOWN_TIMEOUT_MS'
  | 'BATCH_MAX_ITEMS'
  | 'BATCH_PROGRESS_INTERVAL_MS'
  | 'UPLOAD_MAX_BYTES'
> &
  Partial<Pick<NexaConfig, 'WEB_DIST_DIR'>>;

export interface ServerRuntime extends NexaServer {
  url: string;
  /** Live Redis channels and in-process listeners of the shared event feed. */
  feedStats(): { channels: number; listeners: number };
  /** Graceful stop: refuse new work, send WebSocket clients elsewhere, drain, close connections. */
  close(): Promise<void>;
}

/** One server process: its Redis connections, the shared event subscriber, and the HTTP/WebSocket listener. */
export async function startServerRuntime(config: ServerConfig, redisUrl: string, database: DatabaseHandle): Promise<ServerRuntime> {
  const names = redisNames(config.NEXA_REDIS_PREFIX);
  const commands = await connectRedis(redisUrl, 'commands', { name: config.NEXA_REDIS_PREFIX });
  const subscriber = await connectRedis(redisUrl, 'subscriber', { name: config.NEXA_REDIS_PREFIX });
  const queue = createClassificationQueue(commands, names, { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const feed = createSharedEventFeed(subscriber, names);
  const tasks = createTaskStore(database.db);

  const server = await buildServer({
    services: {
      tasks,
      events: createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS }),
      feed,
      queue,
      ncm: createNcmCatalog(database.db),
      batch: { maxItems: config.BATCH_MAX_ITEMS, messageIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS },
    },
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    readiness: [
      { name: 'redis', check: () => commands.ping().then(() => undefined) },
      { name: 'database', check: () => tasks.ping() },
    ],
    logLevel: config.LOG_LEVEL,
    webDistDir: config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR,
  });
  const address = await server.app.listen({ host: config.HOST, port: config.PORT });

  let closing: Promise<void> | null = null;
  return {
    ...server,
    url: address.replace('[::1]', 'localhost'),
    feedStats: () => feed.stats(),
    close() {
      closing ??= (async () => {
        server.broadcastReconnect();
        const timer = setTimeout(() => server.app.server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
        try {
          await server.app.close();
        } finally {
          clearTimeout(timer);
          await feed.close();
          await queue.close().catch(() => {});
          await commands.quit().catch(() => commands.disconnect());
        }
      })();
      return closing;
    },
  };
}
