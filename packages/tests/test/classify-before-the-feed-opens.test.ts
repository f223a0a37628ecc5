import { setTimeout as delay } from 'node:timers/promises';
import { createAccessTokens, createAccounts, createUser, generateSecret } from '@nexa/auth';
import type { EventFeed, TaskMessage } from '@nexa/contracts';
import { createNcmCatalog, createReviewStore, createTaskStore, createUserStore, openDatabase } from '@nexa/db';
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
import { isTrackedEnvelope } from '@trpc/server';
import { describe, expect, it } from 'vitest';

describe('classification.classify while the live feed is slow to open', () => {
  it('announces the task only once its feed is open, so the first event is not missed', async () => {
    await using redis = createTestRedis();
    const database = await openDatabase({ dataDir: 'memory://' });
    const names = redisNames(redis.prefix);
    const commands = await connectRedis(redis.url, 'commands');
    const queueConnection = await connectRedis(redis.url, 'queue');
    const subscriber = await connectRedis(redis.url, 'subscriber');
    const sharedFeed = createSharedEventFeed(subscriber, names);
    // The real feed, subscribing only after the submission has had time to record its task.
    const slowFeed: EventFeed = {
      listen: async (...args) => {
        await delay(300);
        return sharedFeed.listen(...args);
      },
    };
    const queue = createClassificationQueue(queueConnection, names, { attempts: 1, backoffMs: 10 });
    try {
      const users = createUserStore(database.db);
      const accounts = createAccounts({ users, tokens: createAccessTokens({ secret: generateSecret(), ttlSeconds: 60 }), registrationEnabled: false });
      await createUser(users, { email: 'slow-feed@example.com', password: 'slow feed password 1' });
      const { accessToken } = (await accounts.login({ email: 'slow-feed@example.com', password: 'slow feed password 1' }))!;
      const rateLimiter = () => createRedisRateLimiter(commands, names, { limit: 100, windowMs: 60_000 });
      const createContext = createContextFactory({
        tasks: createTaskStore(database.db),
        events: createEventLog(commands, names, { ttlSeconds: 60 }),
        feed: slowFeed,
        queue,
        accounts,
        reviews: createReviewStore(database.db),
        approvedMemory: createApprovedMemoryStream(commands, names),
        submitRateLimiter: rateLimiter(),
        loginRateLimiter: rateLimiter(),
        authAddressRateLimiter: rateLimiter(),
        batchItemRateLimiter: rateLimiter(),
        ncm: createNcmCatalog(database.db),
      });
      const caller = createCallerFactory(appRouter)(createContext({ req: { headers: { authorization: `Bearer ${accessToken}` } } }));
      const stream = await caller.classification.classify({ partnumber: 'SLOW-FEED-1' });
      const iterator = stream[Symbol.asyncIterator]();
      // No worker runs here: `queued` is the only event the task will have, so missing it would leave the stream waiting.
      const giveUp = new AbortController();
      const first = await Promise.race([iterator.next(), delay(5_000, null, { signal: giveUp.signal }).then(() => null)]);
      giveUp.abort();
      // Called directly, the procedure yields tRPC's tracked envelopes: [event id, event].
      const envelope: unknown = first?.value;
      expect(isTrackedEnvelope<TaskMessage>(envelope) ? envelope[1] : envelope).toMatchObject({ type: 'queued' });
      await iterator.return?.();
      expect(sharedFeed.stats()).toEqual({ channels: 0, listeners: 0 });
    } finally {
      await queue.close();
      await sharedFeed.close();
      await Promise.all([commands, queueConnection].map((connection) => connection.quit()));
      await database.close();
    }
  });
});
