import { createAccessTokens, createAccounts, createUser, generateSecret } from '@nexa/auth';
import { createNcmCatalog, createReviewStore, createTaskStore, createUserStore, openDatabase, type DatabaseHandle } from '@nexa/db';
import {
  connectRedis,
  createApprovedMemoryStream,
  createClassificationQueue,
  createEventLog,
  createRedisRateLimiter,
  createSharedEventFeed,
  redisNames,
  type RedisNames,
  type SharedEventFeed,
} from '@nexa/queue';
import { appRouter, createCallerFactory, createContextFactory, type NexaServices } from '@nexa/router';
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
 * The router over services built by hand, as the server builds them (real Redis, an in-memory
 * PGlite), with no HTTP and no worker: for tests that swap one service for a broken or slow one.
 */
export async function createRouterCaller(
  redis: TestRedis,
  replace: (setup: RouterServicesSetup) => Partial<NexaServices> = () => ({}),
): Promise<RouterCaller> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const names = redisNames(redis.prefix);
  const commands = await connectRedis(redis.url, 'commands');
  const queueConnection = await connectRedis(redis.url, 'queue');
  const subscriber = await connectRedis(redis.url, 'subscriber');
  const sharedFeed = createSharedEventFeed(subscriber, names);
  const queue = createClassificationQueue(queueConnection, names, { attempts: 1, backoffMs: 10 });
  const users = createUserStore(database.db);
  const accounts = createAccounts({ users, tokens: createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 }), registrationEnabled: false });
  const rateLimiter = (limit: number) => createRedisRateLimiter(commands, names, { limit, windowMs: 60_000 });
  const createContext = createContextFactory({
    tasks: createTaskStore(database.db),
    events: createEventLog(commands, names, { ttlSeconds: 60 }),
    feed: sharedFeed,
    queue,
    accounts,
    reviews: createReviewStore(database.db),
    approvedMemory: createApprovedMemoryStream(commands, names),
    submitRateLimiter: rateLimiter(10),
    loginRateLimiter: rateLimiter(10),
    authAddressRateLimiter: rateLimiter(10),
    batchItemRateLimiter: rateLimiter(100),
    ncm: createNcmCatalog(database.db),
    ...replace({ redis, names, sharedFeed }),
  });
  await createUser(users, { email: 'router-caller@example.com', password: 'router caller password 1' });
  const { accessToken } = (await accounts.login({ email: 'router-caller@example.com', password: 'router caller password 1' }))!;
  return {
    caller: createCaller(createContext({ req: { headers: { authorization: `Bearer ${accessToken}` } } })),
    database,
    sharedFeed,
    async [Symbol.asyncDispose]() {
      await queue.close();
      await sharedFeed.close();
      await Promise.all([commands, queueConnection].map((connection) => connection.quit()));
      await database.close();
    },
  };
}
