import type { TaskMessage } from '@nexa/contracts';
import { waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { collect, startTestNexa } from '../src/index';

describe('the reference engine on the real NCM table behind Nexa (default path: nexa-http → in-process reference AI server)', () => {
  it('classifies a submitted part over the real protocol and stores the engine’s answer', async () => {
    await using nexa = await startTestNexa({ env: { AI_PROVIDER: 'nexa-http' } });
    expect(nexa.nexa.aiServer).not.toBeNull();
    const client = nexa.client();
    const events = await collect(client.classify({ partnumber: '6205-2RS', description: 'rolamento de esferas blindado', manufacturer: 'SKF' }));
    expect(events.map((e) => e.event.type)).toEqual(['queued', 'progress', 'progress', 'result']);
    const last = events.at(-1)!.event;
    if (last.type !== 'result') throw new Error('expected a result');
    expect(last.classification).toMatchObject({ partnumber: '6205-2RS', manufacturer: 'SKF', engine: 'nexa-reference', status: 'ACTIVE' });
    expect(last.classification.ncm).toMatch(/^848210\d\d$/);
    expect(last.classification.alternatives.length).toBeGreaterThan(0);
    expect(last.classification.justification).toContain('8482.10');
    const task = await client.task.get.query({ taskId: last.taskId });
    expect(task.classifications[0]?.ncm).toBe(last.classification.ncm);
  });

  it.each(['nexa-http', 'reference'])('learns from review (AI_PROVIDER=%s): after an override the same partnumber is answered from the engine’s memory', async (provider) => {
    await using nexa = await startTestNexa({ env: { AI_PROVIDER: provider } });
    const client = nexa.client();
    const part = { partnumber: 'ACME-BRK-2231', description: 'suporte metálico de fixação' };
    const first = await resultOf(client.classify(part));
    expect(first.ncm).not.toBe('84821010');

    const reviewer = (await nexa.createUser({ role: 'admin' })).client();
    await reviewer.classification.review.mutate({ id: first.id, action: 'override', ncm: '84821010', note: 'it is a bearing housing kit' });
    const again = await waitFor(async () => {
      const candidate = await resultOf(client.classify({ ...part, reclassify: true }));
      return candidate.ncm === '84821010' ? candidate : undefined;
    });
    expect(again).toMatchObject({ engine: 'nexa-reference', status: 'ACTIVE' });
    expect(again.confidence).toBeGreaterThanOrEqual(0.95);
    expect(again.justification).toContain('Approved earlier for partnumber ACME-BRK-2231');
  });
});

async function resultOf(events: AsyncIterable<{ event: TaskMessage }>) {
  const all = await collect(events);
  const last = all.at(-1)!.event;
  if (last.type !== 'result') throw new Error(`expected a result, got ${last.type}`);
  return last.classification;
}
