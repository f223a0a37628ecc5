import { setTimeout as delay } from 'node:timers/promises';
import type { TaskMessage } from '@nexa/contracts';
import { createTestRedis } from '@nexa/testing';
import { isTrackedEnvelope } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createRouterCaller } from '../src/index';

describe('classification.classify while the live feed is slow to open', () => {
  it('announces the task only once its feed is open, so the first event is not missed', async () => {
    await using redis = createTestRedis();
    // The real feed, subscribing only after the submission has had time to record its task.
    await using router = await createRouterCaller(redis, ({ sharedFeed }) => ({
      feed: {
        listen: async (...args) => {
          await delay(300);
          return sharedFeed.listen(...args);
        },
      },
    }));
    const stream = await router.caller.classification.classify({ partnumber: 'SLOW-FEED-1' });
    const iterator = stream[Symbol.asyncIterator]();
    // No worker runs here: `queued` is the only event the task will have, so missing it would leave the stream waiting.
    const giveUp = new AbortController();
    const first = await Promise.race([iterator.next(), delay(5_000, null, { signal: giveUp.signal }).then(() => null)]);
    giveUp.abort();
    // Called directly, the procedure yields tRPC's tracked envelopes: [event id, event].
    const envelope: unknown = first?.value;
    expect(isTrackedEnvelope<TaskMessage>(envelope) ? envelope[1] : envelope).toMatchObject({ type: 'queued' });
    await iterator.return?.();
    expect(router.sharedFeed.stats()).toEqual({ channels: 0, listeners: 0 });
  });
});
