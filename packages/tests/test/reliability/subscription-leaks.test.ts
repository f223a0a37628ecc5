import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { gatedClassifier, startTestNexa } from '../../src/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settledHeap() {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

describe('subscribing and unsubscribing 10,000 times', () => {
  it('leaves no listeners, Redis subscriptions or heap growth behind', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const client = nexa.client();
    const admin = nexa.redis.connect();
    const { taskId } = await client.classification.submit.mutate({ partnumber: 'LEAK-1' });
    await gated.atGate;
    const channel = `${nexa.redis.prefix}:task:${taskId}:live`;

    const cycle = async () => {
      const controller = new AbortController();
      const iterator = client.watch(taskId, { signal: controller.signal })[Symbol.asyncIterator]();
      await iterator.next();
      controller.abort();
      await iterator.return?.();
    };
    const runCycles = async (count: number) => {
      for (let done = 0; done < count; done += 250) await Promise.all(Array.from({ length: Math.min(250, count - done) }, cycle));
      await waitFor(() => (nexa.nexa.server.feedStats().listeners === 0 ? true : undefined), 20_000, 'listeners to be released');
    };

    await runCycles(1000); // warm-up: JIT, pools and buffers reach their steady size
    const before = await settledHeap();
    await runCycles(10_000);
    const after = await settledHeap();

    expect(nexa.nexa.server.feedStats()).toEqual({ channels: 0, listeners: 0 });
    expect(await admin.pubsub('NUMSUB', channel)).toEqual([channel, 0]);
    const subscriberConnections = String(await admin.call('CLIENT', 'LIST'))
      .split('\n')
      .filter((line) => line.includes(`name=${nexa.redis.prefix}:subscriber`)).length;
    expect(subscriberConnections).toBe(1);
    expect((after - before) / 1024 / 1024).toBeLessThan(16);
    gated.open();
  }, 180_000);
});
