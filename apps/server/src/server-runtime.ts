import { bootstrapAdmin, generateSecret } from '@nexa/auth';
import type { NexaConfig } from '@nexa/config';
import type { DatabaseHandle } from '@nexa/db';
import { createLogger, createMetrics, QUEUE_STATES, type Logger, type NexaMetrics } from '@nexa/observability';
import type { DestinationStream } from 'pino';
import { createAdminAuthorizer } from './admin/admin-authorizer';
import { buildServer, type NexaServer } from './build-server';
import { restoreApprovedMemory } from './restore-approved-memory';
import { startServerServices } from './server-services';
import { DEFAULT_WEB_DIST_DIR } from './web-app';

export type ServerConfig = Pick<
  NexaConfig,
  | 'NODE_ENV'
  | 'HOST'
  | 'PORT'
  | 'LOG_LEVEL'
  | 'NEXA_REDIS_PREFIX'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
  | 'EVENTS_TTL_SECONDS'
  | 'SHUTDOWN_TIMEOUT_MS'
  | 'JWT_SECRET'
  | 'ACCESS_TOKEN_TTL_SECONDS'
  | 'SESSION_MAX_SECONDS'
  | 'REGISTRATION_ENABLED'
  | 'MEMORY_LEARNS_FROM'
  | 'NEXA_ADMIN_EMAIL'
  | 'NEXA_ADMIN_PASSWORD'
  | 'SUBMIT_RATE_LIMIT_PER_MINUTE'
  | 'BATCH_ITEM_RATE_LIMIT_PER_MINUTE'
  | 'LOGIN_ATTEMPTS_PER_EMAIL'
  | 'AUTH_ATTEMPTS_PER_ADDRESS'
  | 'BODY_LIMIT_BYTES'
  | 'CORS_ORIGINS'
  | 'TRUST_PROXY'
  | 'BATCH_MAX_ITEMS'
  | 'BATCH_PROGRESS_INTERVAL_MS'
  | 'UPLOAD_MAX_BYTES'
  | 'XLSX_MAX_UNPACKED_BYTES'
> &
  Partial<Pick<NexaConfig, 'WEB_DIST_DIR' | 'METRICS_TOKEN' | 'ADMIN_TOKEN'>>;

export interface ServerRuntimeOptions {
  logger?: Logger;
  /** Where the log lines go when no logger is given (default stdout); tests read them. */
  logStream?: DestinationStream;
  /** Shared with an in-process worker so one `/metrics` shows both; a server of its own makes one. */
  metrics?: NexaMetrics;
}

export interface ServerRuntime extends NexaServer {
  url: string;
  /** Live Redis channels and in-process listeners of the shared event feed. */
  feedStats(): { channels: number; listeners: number };
  /** Graceful stop: refuse new work, send WebSocket clients elsewhere, drain, close connections. */
  close(): Promise<void>;
}

/** One server process: its Redis connections, the shared event subscriber, and the HTTP/WebSocket listener. */
export async function startServerRuntime(
  config: ServerConfig,
  redisUrl: string,
  database: DatabaseHandle,
  options: ServerRuntimeOptions = {},
): Promise<ServerRuntime> {
  const {
    logger = createLogger({ level: config.LOG_LEVEL, base: { process: 'server' }, ...(options.logStream ? { destination: options.logStream } : {}) }),
    metrics = createMetrics(),
  } = options;
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) throw new Error('JWT_SECRET is required in production');
  const jwtSecret = config.JWT_SECRET ?? generateSecret();
  const { services, commands, names, queue, feed, users, close: closeServices } = await startServerServices(config, redisUrl, database, {
    jwtSecret,
    metrics,
  });
  metrics.watchQueue(() => queue.queue.getJobCounts(...QUEUE_STATES));

  const server = await buildServer({
    services,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    xlsxMaxUnpackedBytes: config.XLSX_MAX_UNPACKED_BYTES,
    readiness: [
      // Both connections: after an outage each reconnects on its own, and a submission needs both.
      { name: 'redis', check: () => Promise.all([commands.ping(), queue.ping()]).then(() => undefined) },
      { name: 'database', check: () => services.tasks.ping() },
    ],
    logLevel: config.LOG_LEVEL,
    logger,
    metrics,
    metricsToken: config.METRICS_TOKEN,
    queuesDashboard: { queues: [queue.queue], authorize: createAdminAuthorizer({ accounts: services.accounts, loginRateLimiter: services.loginRateLimiter, adminToken: config.ADMIN_TOKEN }) },
    bodyLimit: config.BODY_LIMIT_BYTES,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    webDistDir: config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR,
  });
  if (!config.JWT_SECRET) {
    server.app.log.warn('JWT_SECRET is not set: access tokens are signed with a random secret of this process and end when it stops');
  }
  if (config.NEXA_ADMIN_EMAIL && config.NEXA_ADMIN_PASSWORD) {
    const outcome = await bootstrapAdmin(users, { email: config.NEXA_ADMIN_EMAIL, password: config.NEXA_ADMIN_PASSWORD });
    if (outcome === 'refused') {
      server.app.log.error(
        { admin: config.NEXA_ADMIN_EMAIL, outcome },
        'NEXA_ADMIN_EMAIL names an existing account whose password is not NEXA_ADMIN_PASSWORD: it was not made an admin (sign in as it and use that password, or choose another admin email)',
      );
    } else {
      server.app.log.info({ admin: config.NEXA_ADMIN_EMAIL, outcome }, 'admin account from NEXA_ADMIN_EMAIL');
    }
  }
  // In the background: a start does not wait for the engines' memory.
  const memoryRestored = restoreApprovedMemory({ memory: services.approvedMemory, reviews: services.reviews, redis: commands, names, adminsOnly: config.MEMORY_LEARNS_FROM === 'admins' })
    .then((restored) => {
      if (restored > 0) server.app.log.info({ restored }, 'the approved-classification memory was empty: approved classifications handed to it again');
    })
    .catch((error: unknown) => server.app.log.warn({ err: error }, 'could not refill the empty approved-classification memory'));
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
          await memoryRestored;
          await closeServices();
        }
      })();
      return closing;
    },
  };
}
