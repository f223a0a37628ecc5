import { describe, expect, it } from 'vitest';
import { clientFor, collect, gatedClassifier, startTestNexa } from '../src/index';

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
