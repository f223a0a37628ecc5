import { startServerRuntime } from '@nexa/server';
import { describe, expect, it } from 'vitest';
import { clientFor, gatedClassifier, startTestNexa } from '../src/index';
import type { TrackedEvent } from '@nexa/client';

describe.each(['ws', 'sse'] as const)('a %s subscriber whose server restarts mid-stream', (transport) => {
  it('reconnects by itself and receives every event exactly once', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const port = new URL(nexa.nexa.url).port;
    const client = clientFor(nexa.nexa.url, transport, { token: nexa.token });
    const received: TrackedEvent[] = [];
    let replacement: Awaited<ReturnType<typeof startServerRuntime>> | null = null;
    try {
      const { taskId } = await client.classification.submit.mutate({ partnumber: `RESTART-${transport}` });
      await gated.atGate;
      const done = (async () => {
        for await (const tracked of client.watch(taskId)) received.push(tracked);
      })();
      while (received.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));

      await nexa.nexa.server.close();
      replacement = await startServerRuntime({ ...nexa.config, PORT: Number(port) }, nexa.nexa.redisUrl, nexa.database);
      gated.open();
      await done;

      expect(received.map((e) => e.event.type)).toEqual(['queued', 'progress', 'progress', 'progress', 'result']);
      const ids = received.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await client.close();
      await replacement?.close();
    }
  });
});
