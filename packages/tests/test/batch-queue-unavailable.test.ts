import { createNcmCatalog, createTaskStore, openDatabase, tables } from '@nexa/db';
import { connectRedis, createClassificationQueue, createEventLog, createSharedEventFeed, redisNames } from '@nexa/queue';
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
    const queueConnection = await connectRedis(redis.url, 'commands');
    queueConnection.disconnect();
    try {
      const createContext = createContextFactory({
        tasks: createTaskStore(database.db),
        events: createEventLog(events, names, { ttlSeconds: 60 }),
        feed: createSharedEventFeed(subscriber, names),
        queue: createClassificationQueue(queueConnection, names, { attempts: 1, backoffMs: 10 }),
        ncm: createNcmCatalog(database.db),
      });
      const caller = createCallerFactory(appRouter)(createContext());
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
