import { compareEventIds, type StoredTaskEvent } from '@nexa/contracts';
import { createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { createEventLog, createSharedEventFeed, redisNames } from '../src/index';

const taskId = '11111111-1111-4111-8111-111111111111';
const otherTaskId = '22222222-2222-4222-8222-222222222222';

describe('event log', () => {
  it('appends ordered events and reads after a given id', async () => {
    await using redis = createTestRedis();
    const log = createEventLog(redis.connect(), redisNames(redis.prefix), { ttlSeconds: 60 });
    const queued = await log.append({ type: 'queued', taskId });
    const progress = await log.append({ type: 'progress', taskId, current: 1, total: 2, message: 'half' });
    expect(compareEventIds(progress.id, queued.id)).toBe(1);
    expect((await log.read(taskId, null)).map((e) => e.event.type)).toEqual(['queued', 'progress']);
    expect(await log.read(taskId, queued.id)).toEqual([progress]);
    expect(await log.read(taskId, progress.id)).toEqual([]);
    const ttl = await redis.connect().ttl(redisNames(redis.prefix).taskEvents(taskId));
    expect(ttl).toBeGreaterThan(0);
  });

  it('appendUnlessEnded stores nothing once the log ends with the task\'s terminal event', async () => {
    await using redis = createTestRedis();
    const log = createEventLog(redis.connect(), redisNames(redis.prefix), { ttlSeconds: 60 });
    const progress = { type: 'batch_progress', taskId, done: 1, failed: 0, total: 2 } as const;
    expect(await log.appendUnlessEnded(progress)).toMatchObject({ event: progress });
    await log.append({ type: 'batch_finished', taskId, status: 'done', total: 2, done: 2, failed: 0, cancelled: 0 });
    expect(await log.appendUnlessEnded({ ...progress, done: 2 })).toBeNull();
    expect((await log.read(taskId, null)).map((stored) => stored.event.type)).toEqual(['batch_progress', 'batch_finished']);
  });

  it('takes each batch item\'s end once, and holds batch_finished back until every item\'s end is in, whatever the order', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const log = createEventLog(redis.connect(), names, { ttlSeconds: 60 });
    const itemEnd = (n: number) => ({ type: 'item_failed', taskId, itemId: `00000000-0000-4000-8000-00000000000${n}`, seq: n, partnumber: `PN-${n}`, error: 'x' }) as const;
    const finished = { type: 'batch_finished', taskId, status: 'failed', total: 3, done: 0, failed: 3, cancelled: 0 } as const;

    expect((await log.appendItemEnds([itemEnd(1), itemEnd(2), itemEnd(1)])).map((stored) => stored?.event.type ?? null)).toEqual(['item_failed', 'item_failed', null]);
    // The worker that saw the batch end announces it before the third item's announcement landed.
    expect(await log.appendBatchFinished(finished, 3)).toBeNull();
    expect((await log.read(taskId, null)).map((stored) => stored.event.type)).toEqual(['item_failed', 'item_failed']);
    await log.appendItemEnds([itemEnd(3)]);
    expect((await log.read(taskId, null)).map((stored) => stored.event.type)).toEqual(['item_failed', 'item_failed', 'item_failed', 'batch_finished']);

    // Announcing again after a crash adds nothing, and nothing comes after the end.
    expect(await log.appendItemEnds([itemEnd(3), itemEnd(4)])).toEqual([null, null]);
    expect(await log.appendBatchFinished(finished, 3)).toBeNull();
    expect(await log.read(taskId, null)).toHaveLength(4);
    expect(await redis.connect().exists(names.taskEndedItems(taskId), names.taskHeldFinish(taskId))).toBe(0);
  });

  it('refuses an event that does not match its schema', async () => {
    await using redis = createTestRedis();
    const log = createEventLog(redis.connect(), redisNames(redis.prefix), { ttlSeconds: 60 });
    await expect(log.append({ type: 'progress', taskId, current: -1, total: 0, message: 'x' })).rejects.toThrow();
    expect(await log.read(taskId, null)).toEqual([]);
  });
});

describe('shared event feed', () => {
  it('fans one Redis subscription out to every listener of a task, and unsubscribes after the last leaves', async () => {
    await using redis = createTestRedis();
    const names = redisNames(redis.prefix);
    const feed = createSharedEventFeed(redis.connect(), names);
    const log = createEventLog(redis.connect(), names, { ttlSeconds: 60 });
    const admin = redis.connect();
    const received: StoredTaskEvent[][] = [[], [], []];

    const releases = await Promise.all(received.map((inbox) => feed.listen(taskId, (event) => inbox.push(event))));
    const otherRelease = await feed.listen(otherTaskId, () => {});
    expect(feed.stats()).toEqual({ channels: 2, listeners: 4 });
    expect(await admin.pubsub('NUMSUB', names.taskChannel(taskId))).toEqual([names.taskChannel(taskId), 1]);

    const appended = await log.append({ type: 'queued', taskId });
    await waitFor(() => (received.every((inbox) => inbox.length === 1) ? true : undefined));
    for (const inbox of received) expect(inbox).toEqual([appended]);

    await Promise.all(releases.map((release) => release()));
    expect(feed.stats()).toEqual({ channels: 1, listeners: 1 });
    expect(await admin.pubsub('NUMSUB', names.taskChannel(taskId))).toEqual([names.taskChannel(taskId), 0]);
    await otherRelease();
    await otherRelease();
    expect(feed.stats()).toEqual({ channels: 0, listeners: 0 });
    await feed.close();
  });
});

describe('compareEventIds', () => {
  it('orders by time, then sequence, numerically', () => {
    expect(compareEventIds('1700000000000-0', '1700000000000-1')).toBe(-1);
    expect(compareEventIds('1700000000001-0', '1700000000000-9')).toBe(1);
    expect(compareEventIds('999-10', '999-9')).toBe(1);
    expect(compareEventIds('5-5', '5-5')).toBe(0);
  });
});
