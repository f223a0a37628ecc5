import type { TaskMessage } from '@nexa/contracts';
import { tables } from '@nexa/db';
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

  it.each(['nexa-http', 'reference'])('fails a part no code matches at its first attempt, with the reason (AI_PROVIDER=%s): asking again would answer the same', async (provider) => {
    await using nexa = await startTestNexa({ env: { AI_PROVIDER: provider, JOB_ATTEMPTS: '3' } });
    const events = (await collect(nexa.client().classify({ partnumber: 'ZZ-000' }))).map(({ event }) => event);
    expect(events.filter((event) => event.type === 'progress' && event.message.includes('retrying'))).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'failed', error: 'no NCM code matches partnumber ZZ-000 (add a description)' });
    const [item] = await nexa.database.db.select().from(tables.taskItems);
    expect(item).toMatchObject({ status: 'failed', attempts: 1 });
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

  it.each(['nexa-http', 'reference'])('forgets a rejected approval (AI_PROVIDER=%s): other accounts are answered by the earlier approval still in force, then by the engine', async (provider) => {
    // It asks again until the engines have followed each review.
    await using nexa = await startTestNexa({ env: { AI_PROVIDER: provider, SUBMIT_RATE_LIMIT_PER_MINUTE: '100000' } });
    const part = { partnumber: 'ACME-BRK-2231', description: 'suporte metálico de fixação' };
    const admin = (await nexa.createUser({ role: 'admin' })).client();
    const other = (await nexa.createUser()).client();
    const answerToOther = () => resultOf(other.classify({ ...part, reclassify: true }));
    const fromMemory = (classification: { justification: string | null }) => classification.justification?.includes('Approved earlier for partnumber ACME-BRK-2231') ?? false;

    const first = await resultOf(nexa.client().classify(part));
    expect(first.ncm).not.toBe('84821010');
    await admin.classification.review.mutate({ id: first.id, action: 'approve' });
    const second = await resultOf(other.classify(part));
    const overridden = await admin.classification.review.mutate({ id: second.id, action: 'override', ncm: '84821010' });
    await waitFor(async () => ((await answerToOther()).ncm === '84821010' ? true : undefined));

    await admin.classification.review.mutate({ id: overridden.classification.id, action: 'reject' });
    const fallback = await waitFor(async () => {
      const candidate = await answerToOther();
      return candidate.ncm !== '84821010' ? candidate : undefined;
    }, 10_000, 'the rejected override to be forgotten');
    expect(fallback.ncm).toBe(first.ncm);
    expect(fromMemory(fallback)).toBe(true);

    await admin.classification.review.mutate({ id: first.id, action: 'reject' });
    const engineOnly = await waitFor(async () => {
      const candidate = await answerToOther();
      return fromMemory(candidate) ? undefined : candidate;
    }, 10_000, 'the rejected approval to be forgotten');
    expect(engineOnly).toMatchObject({ engine: 'nexa-reference', ncm: first.ncm });
  });
});

async function resultOf(events: AsyncIterable<{ event: TaskMessage }>) {
  const all = await collect(events);
  const last = all.at(-1)!.event;
  if (last.type !== 'result') throw new Error(`expected a result, got ${last.type}`);
  return last.classification;
}
