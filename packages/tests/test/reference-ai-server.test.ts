import { describe, expect, it } from 'vitest';
import { collect, startTestNexa } from '../src/index';

describe('the default AI path: nexa-http → in-process reference AI server → reference engine on the real NCM table', () => {
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
});
