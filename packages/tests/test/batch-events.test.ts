import { compareEventIds, type TaskEvent, type TaskStore } from '@nexa/contracts';
import { createTaskStore } from '@nexa/db';
import { createEventLog, createThrottle, redisNames } from '@nexa/queue';
import { createBatchProgressReporter, createJobProcessor } from '@nexa/worker';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { TrackedEvent } from '@nexa/client';
import { blockingClassifier, clientFor, collect, flatten, sampleOutcome, startTestNexa } from '../src/index';

const parts = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ partnumber: `${prefix}-${index + 1}` }));

describe('batch events', () => {
  it.each(['ws', 'sse'] as const)('reach a subscriber at most ~10 messages a second over %s, every item once, with the right final counts', async (transport) => {
    await using nexa = await startTestNexa({ env: { WORKER_CONCURRENCY: '16' } });
    const client = nexa.client(transport);
    const { taskId } = await client.classification.submitBatch.mutate({ items: parts(1500, 'RATE') });

    const arrivals: number[] = [];
    const messages: TrackedEvent[] = [];
    for await (const message of client.watch(taskId)) {
      arrivals.push(Date.now());
      messages.push(message);
    }
    // In any one-second window.
    const busiest = Math.max(...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + 1000).length));
    expect(busiest).toBeLessThanOrEqual(12);

    const events = flatten(messages);
    const itemIds = events.filter((event) => event.type === 'item_result').map((event) => event.itemId);
    expect(itemIds).toHaveLength(1500);
    expect(new Set(itemIds).size).toBe(1500);
    expect(events.some((event) => event.type === 'batch_progress')).toBe(true);
    expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'batch_finished', status: 'done', total: 1500, done: 1500, failed: 0, cancelled: 0 }));
    const ids = messages.map((message) => message.id);
    expect([...ids].sort(compareEventIds)).toEqual(ids);
  });

  it('end with batch_finished in the log: a progress report made after the last item ended is not appended', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const { taskId } = await client.classification.submitBatch.mutate({ items: parts(3, 'LATE') });
    const watched = flatten(await collect(client.watch(taskId)));
    expect(watched.at(-1)).toMatchObject({ type: 'batch_finished', done: 3 });

    // What a worker whose item ended just before the last one does, when it counts after the last one ended.
    const redis = nexa.redis.connect();
    const names = redisNames(nexa.redis.prefix);
    const events = createEventLog(redis, names, { ttlSeconds: 60 });
    const reporter = createBatchProgressReporter({ tasks: createTaskStore(nexa.database.db), events, throttle: createThrottle(redis, 1), names }, 0);
    await redis.del(names.batchProgressThrottle(taskId)); // as when the interval since the last report has passed
    await reporter.maybeReport(taskId);
    expect((await events.read(taskId, null)).at(-1)?.event).toMatchObject({ type: 'batch_finished' });
  });

  it('end with batch_finished in the log: a report counted while the last item was processing, appended after it ended, is not stored', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const { taskId } = await client.classification.submitBatch.mutate({ items: parts(3, 'RACE') });
    expect(flatten(await collect(client.watch(taskId))).at(-1)).toMatchObject({ type: 'batch_finished', done: 3 });

    const redis = nexa.redis.connect();
    const names = redisNames(nexa.redis.prefix);
    const events = createEventLog(redis, names, { ttlSeconds: 60 });
    const tasks = createTaskStore(nexa.database.db);
    const countedBeforeTheLastEnded: TaskStore = { ...tasks, countItems: async () => ({ ...(await tasks.countItems(taskId)), processing: 1, done: 2 }) };
    const reporter = createBatchProgressReporter({ tasks: countedBeforeTheLastEnded, events, throttle: createThrottle(redis, 1), names }, 0);
    await redis.del(names.batchProgressThrottle(taskId));
    await reporter.maybeReport(taskId);
    expect((await events.read(taskId, null)).at(-1)?.event).toMatchObject({ type: 'batch_finished' });
  });

  it('a worker that died between storing batch items and announcing them: the next attempts announce each item and the batch end once', async () => {
    await using nexa = await startTestNexa();
    const tasks = createTaskStore(nexa.database.db);
    const redis = nexa.redis.connect();
    const names = redisNames(nexa.redis.prefix);
    const events = createEventLog(redis, names, { ttlSeconds: 60 });
    // Recorded without jobs, so only this test's attempts touch it.
    const batch = await tasks.createBatchTask({ ownerId: nexa.user.id, items: parts(2, 'DIED'), reclassify: false, known: new Map() });
    for (const { itemId } of batch.queued) {
      await tasks.claimItem(itemId);
      await tasks.completeItem(itemId, sampleOutcome({ partnumber: 'DIED' }));
    }
    expect((await events.read(batch.taskId, null)).map((stored) => stored.event.type)).toEqual([]);

    const attempt = createJobProcessor({
      tasks,
      events,
      classifier: { name: 'unused', classify: () => Promise.reject(new Error('an ended item is not classified again')) },
      attemptTimeoutMs: 1000,
      batchProgress: createBatchProgressReporter({ tasks, events, throttle: createThrottle(redis, 1), names }, 0),
      queue: { enqueueMany: async () => {} },
    });
    const retry = (itemId: string) => attempt({ name: 'classify', data: { taskId: batch.taskId, itemId }, attemptsMade: 1, opts: { attempts: 3 } } as unknown as Job);
    const [first, second] = batch.queued.map((ref) => ref.itemId);
    await retry(second!);
    await retry(second!);
    await retry(first!);
    const logged = (await events.read(batch.taskId, null)).map((stored) => stored.event);
    expect(logged.map((event) => event.type)).toEqual(['item_result', 'item_result', 'batch_finished']);
    expect(logged.at(-1)).toMatchObject({ status: 'done', total: 2, done: 2 });
  });

  it.each(['ws', 'sse'] as const)('resume over %s from lastEventId on another server: everything after it, exactly once', async (transport) => {
    const blocking = blockingClassifier();
    await using nexa = await startTestNexa({ classifier: blocking.classifier, env: { WORKER_CONCURRENCY: '4' } });
    const second = await nexa.startSecondServer();
    const client = nexa.client(transport);
    const { taskId } = await client.classification.submitBatch.mutate({ items: parts(40, 'RESUME') });
    await blocking.atGate;

    const before = await collect(client.watch(taskId), 1);
    expect(flatten(before).map((event) => event.type)).toEqual(['queued']);

    const other = clientFor(second.url, transport, { token: nexa.token });
    try {
      const rest = collect(other.watch(taskId, { lastEventId: before[0]!.id }));
      blocking.open();
      const after = await rest;
      const events: TaskEvent[] = flatten([...before, ...after]);
      const items = events.filter((event) => event.type === 'item_result');
      expect(items).toHaveLength(40);
      expect(new Set(items.map((event) => event.type === 'item_result' && event.itemId)).size).toBe(40);
      expect(events.at(-1)).toMatchObject({ type: 'batch_finished', done: 40 });

      // A late subscriber gets the whole history in the same order.
      const replayed = flatten(await collect(nexa.client(transport).watch(taskId)));
      expect(replayed).toEqual(events);
    } finally {
      await other.close();
    }
  });
});
