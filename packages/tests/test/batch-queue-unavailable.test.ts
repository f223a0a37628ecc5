import { tables } from '@nexa/db';
import { connectRedis, createClassificationQueue } from '@nexa/queue';
import { createTestRedis } from '@nexa/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createRouterCaller } from '../src/index';

describe('classification.submitBatch while the queue is unavailable', () => {
  it('answers SERVICE_UNAVAILABLE and leaves no task behind', async () => {
    await using redis = createTestRedis();
    // A real Redis connection that has been closed: with the offline queue off, every command fails at once.
    const queueConnection = await connectRedis(redis.url, 'queue');
    queueConnection.disconnect();
    await using router = await createRouterCaller(redis, ({ names }) => ({
      queue: createClassificationQueue(queueConnection, names, { attempts: 1, backoffMs: 10 }),
    }));
    const failure = await router.caller.classification.submitBatch({ items: [{ partnumber: 'ABC-1' }, { partnumber: 'ABC-2' }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect(await router.database.db.select().from(tables.tasks)).toHaveLength(0);
    expect(await router.database.db.select().from(tables.taskItems)).toHaveLength(0);
  });
});
