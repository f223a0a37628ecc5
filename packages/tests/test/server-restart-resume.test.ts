import { startServerRuntime } from '@nexa/server';
import { describe, expect, it } from 'vitest';
import { clientFor, gatedClassifier, startTestNexa } from '../src/index';
import type { NexaClient, TrackedEvent } from '@nexa/client';

/** How a client follows a part: `submit` then `watch` over either transport, or `classify` in one WebSocket call. */
const followers = {
  'ws watch': { transport: 'ws', follow: async (client: NexaClient, partnumber: string) => client.watch((await client.classification.submit.mutate({ partnumber })).taskId) },
  'sse watch': { transport: 'sse', follow: async (client: NexaClient, partnumber: string) => client.watch((await client.classification.submit.mutate({ partnumber })).taskId) },
  'ws classify': { transport: 'ws', follow: async (client: NexaClient, partnumber: string) => client.classify({ partnumber }) },
} as const;

describe.each(Object.entries(followers))('a %s subscriber whose server restarts mid-stream', (name, { transport, follow }) => {
  it('reconnects by itself and receives every event of its one task exactly once', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const port = new URL(nexa.nexa.url).port;
    const client = clientFor(nexa.nexa.url, transport, { token: nexa.token });
    const received: TrackedEvent[] = [];
    let replacement: Awaited<ReturnType<typeof startServerRuntime>> | null = null;
    try {
      const stream = await follow(client, `RESTART-${name.replace(' ', '-')}`);
      const done = (async () => {
        for await (const tracked of stream) received.push(tracked);
      })();
      await gated.atGate;
      while (received.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));

      await nexa.nexa.server.close();
      replacement = await startServerRuntime({ ...nexa.config, PORT: Number(port) }, nexa.nexa.redisUrl, nexa.database);
      gated.open();
      await done;

      expect(received.map((e) => e.event.type)).toEqual(['queued', 'progress', 'progress', 'progress', 'result']);
      const ids = received.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(received.map((e) => e.event.taskId)).size).toBe(1);
      expect((await client.task.list.query({})).items).toHaveLength(1);
    } finally {
      await client.close();
      await replacement?.close();
    }
  });
});
