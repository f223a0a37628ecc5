import { waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { gatedClassifier, startTestNexa } from '../src/index';

describe('subscriptions on one server', () => {
  it('share one Redis subscriber connection, and leave nothing behind when they end', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier, env: { WORKER_CONCURRENCY: '1' } });
    const client = nexa.client();
    const admin = nexa.redis.connect();
    const subscriberConnections = async () =>
      String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes(`name=${nexa.redis.prefix}:subscriber`)).length;

    const tasks = await Promise.all(Array.from({ length: 5 }, (_, i) => client.classification.submit.mutate({ partnumber: `SHARED-${i}` })));
    // Ten queries in one batched HTTP call: a long batched path (over Fastify's default 100 characters) must be accepted too.
    const [fetched, histories] = await Promise.all([
      Promise.all(tasks.map(({ taskId }) => client.task.get.query({ taskId }))),
      Promise.all(tasks.map((_, i) => client.partnumber.get.query({ partnumber: `SHARED-${i}` }))),
    ]);
    expect(fetched.map((task) => task.partnumber)).toEqual(tasks.map((_, i) => `SHARED-${i}`));
    expect(histories).toHaveLength(5);
    const controller = new AbortController();
    const watchers = tasks.flatMap(({ taskId }) =>
      [1, 2, 3].map(async () => {
        for await (const _ of client.watch(taskId, { signal: controller.signal })) {
          // drain until aborted
        }
      }),
    );
    const numsub = async () => {
      const channels = tasks.map(({ taskId }) => `${nexa.redis.prefix}:task:${taskId}:live`);
      const counts = (await admin.pubsub('NUMSUB', ...channels)) as Array<string | number>;
      return counts.filter((_, index) => index % 2 === 1).map(Number);
    };
    await waitFor(async () => ((await numsub()).every((count) => count === 1) ? true : undefined));
    expect(await subscriberConnections()).toBe(1);

    controller.abort();
    await Promise.allSettled(watchers);
    await waitFor(async () => ((await numsub()).every((count) => count === 0) ? true : undefined));
    expect(await subscriberConnections()).toBe(1);
    gated.open();
  });
});
