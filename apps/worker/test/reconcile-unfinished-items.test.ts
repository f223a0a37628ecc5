import { createTaskStore, createUserStore, openDatabase } from '@nexa/db';
import { CLASSIFICATION_QUEUE, connectRedis, createClassificationQueue, createEventLog, redisNames } from '@nexa/queue';
import { Worker } from 'bullmq';
import { createPostgresTestDatabase, createTestRedis } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { reconcileUnfinishedItems } from '../src/index';

describe('reconcileUnfinishedItems', () => {
  it('re-enqueues accepted items (single and owned batch) whose jobs Redis lost, and fails one whose job failed for good', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    const database = await openDatabase({ databaseUrl: postgres.url });
    const names = redisNames(redis.prefix);
    const connection = await connectRedis(redis.url, 'worker');
    const tasks = createTaskStore(database.db);
    const owner = await createUserStore(database.db).insertUser({ email: 'owner@example.com', name: null, role: 'user', passwordHash: 'unused' });
    const ownerId = owner!.id;
    const events = createEventLog(connection, names, { ttlSeconds: 60 });
    const queue = createClassificationQueue(connection, names, { attempts: 1, backoffMs: 10 });
    try {
      const lost = await tasks.createSingleTask({ part: { partnumber: 'LOST-JOB' }, ownerId, reclassify: false, status: 'queued' });
      const failed = await tasks.createSingleTask({ part: { partnumber: 'FAILED-JOB' }, ownerId, reclassify: false, status: 'queued' });
      const healthy = await tasks.createSingleTask({ part: { partnumber: 'WAITING-JOB' }, ownerId, reclassify: false, status: 'queued' });
      // A batch whose fan-out job was lost with Redis: none of its items has a job.
      const batch = await tasks.createBatchTask({ ownerId, items: [{ partnumber: 'BATCH-LOST-1' }, { partnumber: 'BATCH-LOST-2' }], reclassify: false, known: new Map() });
      // A worker whose database writes were lost: its job failed for good, the item still says queued.
      await queue.enqueue(failed);
      const crashing = new Worker(CLASSIFICATION_QUEUE, async () => {
        throw new Error('AI server answered 500');
      }, { connection: redis.connect(), prefix: names.bullPrefix });
      await new Promise<void>((resolve) => crashing.once('failed', () => resolve()));
      await crashing.close();
      await queue.enqueue(healthy);
      const failedJob = (await queue.queue.getJob(failed.itemId))!;
      expect(await failedJob.getState()).toBe('failed');

      const nothingStaleYet = await reconcileUnfinishedItems({ tasks, events, queue, staleAfterMs: 60_000 });
      expect(nothingStaleYet).toEqual({ requeued: 0, failed: 0 });

      const report = await reconcileUnfinishedItems({ tasks, events, queue, staleAfterMs: 0 });
      expect(report).toEqual({ requeued: 3, failed: 1 });
      expect(await (await queue.queue.getJob(lost.itemId))?.getState()).toBe('waiting');
      for (const ref of batch.queued) expect(await (await queue.queue.getJob(ref.itemId))?.getState()).toBe('waiting');
      expect(await tasks.getTask(batch.taskId)).toMatchObject({ ownerId, kind: 'batch', status: 'queued' });
      expect(await tasks.getTask(failed.taskId)).toMatchObject({ status: 'failed', error: 'AI server answered 500' });
      expect((await events.read(failed.taskId, null)).map((e) => e.event.type)).toEqual(['failed']);
      expect(await (await queue.queue.getJob(healthy.itemId))?.getState()).toBe('waiting');
      expect((await tasks.getTask(healthy.taskId))?.status).toBe('queued');
    } finally {
      await queue.close();
      await connection.quit();
      await database.close();
    }
  });
});
