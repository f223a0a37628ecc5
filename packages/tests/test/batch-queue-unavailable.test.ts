import { createAccessTokens, createAccounts, createUser, generateSecret } from '@nexa/auth';
import { createNcmCatalog, createReviewStore, createTaskStore, createUserStore, openDatabase, tables } from '@nexa/db';
import {
  connectRedis,
  createApprovedMemoryStream,
  createClassificationQueue,
  createEventLog,
  createRedisRateLimiter,
  createSharedEventFeed,
  redisNames,
} from '@nexa/queue';
import { appRouter, createCallerFactory, createContextFactory } from '@nexa/router';
import { createTestRedis } from '@nexa/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';

describe('classification.submitBatch while the queue is unavailable', () => {
  it('answers SERVICE_UNAVAILABLE and leaves no task behind', async () => {
    await using redis = createTestRedis();
    const database = await openDatabase({ dataDir: 'memory://' });
    const names = redisNames(redis.prefix);
    const events = await connectRedis(redis.url, 'commands');
    const subscriber = await connectRedis(redis.url, 'subscriber');
    // A real Redis connection that has been closed: with the offline queue off, every command fails at once.
    const queueConnection = await connectRedis(redis.url, 'queue');
    queueConnection.disconnect();
    try {
      const users = createUserStore(database.db);
      const accounts = createAccounts({ users, tokens: createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 }), registrationEnabled: false });
      await createUser(users, { email: 'batch@example.com', password: 'batch password 1' });
      const { accessToken } = (await accounts.login({ email: 'batch@example.com', password: 'batch password 1' }))!;
      const createContext = createContextFactory({
        tasks: createTaskStore(database.db),
        events: createEventLog(events, names, { ttlSeconds: 60 }),
        feed: createSharedEventFeed(subscriber, names),
        queue: createClassificationQueue(queueConnection, names, { attempts: 1, backoffMs: 10 }),
        accounts,
        reviews: createReviewStore(database.db),
        approvedMemory: createApprovedMemoryStream(events, names),
        submitRateLimiter: createRedisRateLimiter(events, names, { limit: 10, windowMs: 60_000 }),
        loginRateLimiter: createRedisRateLimiter(events, names, { limit: 10, windowMs: 60_000 }),
        authAddressRateLimiter: createRedisRateLimiter(events, names, { limit: 10, windowMs: 60_000 }),
        batchItemRateLimiter: createRedisRateLimiter(events, names, { limit: 100, windowMs: 60_000 }),
        ncm: createNcmCatalog(database.db),
      });
      const caller = createCallerFactory(appRouter)(createContext({ req: { headers: { authorization: `Bearer ${accessToken}` } } }));
      const failure = await caller.classification.submitBatch({ items: [{ partnumber: 'ABC-1' }, { partnumber: 'ABC-2' }] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TRPCError);
      expect((failure as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
      expect(await database.db.select().from(tables.tasks)).toHaveLength(0);
      expect(await database.db.select().from(tables.taskItems)).toHaveLength(0);
    } finally {
      await subscriber.quit();
      await events.quit();
      await database.close();
    }
  });
});
