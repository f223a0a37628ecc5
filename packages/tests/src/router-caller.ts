import { createUser, generateSecret } from '@nexa/auth';
import { loadConfig } from '@nexa/config';
import { openDatabase, type DatabaseHandle } from '@nexa/db';
import { createMetrics } from '@nexa/observability';
import type { RedisNames, SharedEventFeed } from '@nexa/queue';
import { appRouter, createCallerFactory, createContextFactory, type NexaServices } from '@nexa/router';
import { startServerServices } from '@nexa/server';
import type { TestRedis } from '@nexa/testing';

const createCaller = createCallerFactory(appRouter);

/** What a test may replace a service with, given the real ones around it. */
export interface RouterServicesSetup {
  redis: TestRedis;
  names: RedisNames;
  /** The process's one Pub/Sub feed, as the server builds it. */
  sharedFeed: SharedEventFeed;
}

export interface RouterCaller {
  /** tRPC's server-side caller, signed in as a fresh user. */
  caller: ReturnType<typeof createCaller>;
  database: DatabaseHandle;
  sharedFeed: SharedEventFeed;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The router over the services a server builds (`startServerServices`: real Redis, here an in-memory
 * PGlite), with no HTTP and no worker: for tests that swap one service for a broken or slow one.
 */
export async function createRouterCaller(
  redis: TestRedis,
  replace: (setup: RouterServicesSetup) => Partial<NexaServices> = () => ({}),
): Promise<RouterCaller> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const config = loadConfig({ NEXA_REDIS_PREFIX: redis.prefix, JOB_ATTEMPTS: '1', JOB_BACKOFF_MS: '10', REGISTRATION_ENABLED: 'false' });
  const server = await startServerServices(config, redis.url, database, { jwtSecret: generateSecret(), metrics: createMetrics() });
  const { users, feed: sharedFeed } = server;
  const createContext = createContextFactory({ ...server.services, ...replace({ redis, names: server.names, sharedFeed }) });
  await createUser(users, { email: 'router-caller@example.com', password: 'router caller password 1' });
  const { accessToken } = (await server.services.accounts.login({ email: 'router-caller@example.com', password: 'router caller password 1' }))!;
  return {
    caller: createCaller(createContext({ req: { headers: { authorization: `Bearer ${accessToken}` } } })),
    database,
    sharedFeed,
    async [Symbol.asyncDispose]() {
      await server.close();
      await database.close();
    },
  };
}
