import { compareEventIds, type EventLog } from '@nexa/contracts';
import { createTaskStore } from '@nexa/db';
import { createEventLog, createSharedEventFeed, redisNames } from '@nexa/queue';
import { streamTaskEvents } from '@nexa/router';
import { describe, expect, it } from 'vitest';
import { clientFor, collect, gatedClassifier, sampleOutcome, startTestNexa } from '../src/index';

describe('a late subscriber', () => {
  it('gets everything it missed, then the stream ends', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const live = await collect(client.classify({ partnumber: 'LATE-1' }));
    const taskId = live[0]!.event.taskId;

    for (const transport of ['ws', 'sse'] as const) {
      const replayed = await collect(nexa.client(transport).watch(taskId));
      expect(replayed).toEqual(live);
    }
  });

  it('of a task the database has just ended gets its terminal event, appended after that commit; a log that lost it gets the database state, after the last event', async () => {
    await using nexa = await startTestNexa();
    const tasks = createTaskStore(nexa.database.db);
    const events = createEventLog(nexa.redis.connect(), redisNames(nexa.redis.prefix), { ttlSeconds: 60 });
    // Recorded without a job, and ended the way a worker ends it: the commit, then its events.
    const endedWithoutEvents = async (partnumber: string) => {
      const ref = await tasks.createSingleTask({ part: { partnumber }, ownerId: nexa.user.id, reclassify: false, status: 'queued' });
      await events.append({ type: 'queued', taskId: ref.taskId });
      await tasks.claimItem(ref.itemId);
      const { classification } = await tasks.completeItem(ref.itemId, sampleOutcome({ partnumber }));
      await events.append({ type: 'progress', taskId: ref.taskId, current: 1, total: 1, message: 'answered' });
      return { taskId: ref.taskId, classification };
    };

    const ending = await endedWithoutEvents('JUST-ENDED');
    const watched = collect(nexa.client().watch(ending.taskId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const result = await events.append({ type: 'result', taskId: ending.taskId, classification: ending.classification });
    expect((await watched).map(({ id, event }) => [id, event.type])).toEqual([expect.anything(), expect.anything(), [result.id, 'result']]);

    const lost = await endedWithoutEvents('LOG-LOST');
    const standIn = await collect(nexa.client().watch(lost.taskId));
    expect(standIn.map(({ event }) => event.type)).toEqual(['queued', 'progress', 'result']);
    expect(standIn[2]!.event).toMatchObject({ type: 'result', classification: { id: lost.classification.id } });
    expect(compareEventIds(standIn[2]!.id, standIn[1]!.id)).toBeGreaterThan(0);
    // Resuming after the stand-in, or after a real terminal event, there is nothing left to send.
    expect(await collect(nexa.client().watch(lost.taskId, { lastEventId: standIn[2]!.id }))).toEqual([]);
    expect(await collect(nexa.client().watch(ending.taskId, { lastEventId: result.id }))).toEqual([]);
  });

  it('of a task that ended gets the events the worker appends while the stream decides how it ends, terminal one last', async () => {
    await using nexa = await startTestNexa();
    const tasks = createTaskStore(nexa.database.db);
    const names = redisNames(nexa.redis.prefix);
    const log = createEventLog(nexa.redis.connect(), names, { ttlSeconds: 60 });
    const ref = await tasks.createSingleTask({ part: { partnumber: 'ENDS-MEANWHILE' }, ownerId: nexa.user.id, reclassify: false, status: 'queued' });
    await log.append({ type: 'queued', taskId: ref.taskId });
    await tasks.claimItem(ref.itemId);
    const { classification } = await tasks.completeItem(ref.itemId, sampleOutcome({ partnumber: 'ENDS-MEANWHILE' }));
    // The worker's events land right after the stream's second read of the log (the one after it saw the task ended).
    let reads = 0;
    const events: EventLog = {
      ...log,
      async read(taskId, afterId) {
        const stored = await log.read(taskId, afterId);
        if (++reads === 2) {
          await log.append({ type: 'progress', taskId: ref.taskId, current: 1, total: 1, message: 'answered' });
          await log.append({ type: 'result', taskId: ref.taskId, classification });
        }
        return stored;
      },
    };
    const feed = createSharedEventFeed(nexa.redis.connect(), names);
    const streamed = await collect(streamTaskEvents({ events, feed, tasks }, ref.taskId, null, undefined));
    expect(streamed.map(({ event }) => event.type)).toEqual(['queued', 'progress', 'result']);
  });
});

describe.each(['ws', 'sse'] as const)('a client reconnecting with lastEventId over %s', (transport) => {
  it('gets every remaining event exactly once, from another server instance', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const second = await nexa.startSecondServer();
    const first = nexa.client(transport);

    const { taskId } = await first.classification.submit.mutate({ partnumber: 'RESUME-1' });
    await gated.atGate;
    const before = await collect(first.watch(taskId), 3);
    expect(before.map((e) => e.event.type)).toEqual(['queued', 'progress', 'progress']);

    const other = clientFor(second.url, transport, { token: nexa.token });
    try {
      const rest = collect(other.watch(taskId, { lastEventId: before.at(-1)!.id }));
      gated.open();
      const after = await rest;
      expect(after.map((e) => e.event.type)).toEqual(['progress', 'result']);
      const all = [...before, ...after].map((e) => e.id);
      expect(new Set(all).size).toBe(all.length);

      const everything = await collect(first.watch(taskId));
      expect(everything.map((e) => e.id)).toEqual(all);
    } finally {
      await other.close();
    }
  });
});
