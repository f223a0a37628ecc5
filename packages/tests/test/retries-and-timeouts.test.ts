import { describe, expect, it } from 'vitest';
import { collect, flakyClassifier, silentClassifier, startTestNexa } from '../src/index';

describe('a failing classifier', () => {
  it('is retried with backoff and succeeds when it recovers', async () => {
    const flaky = flakyClassifier(2);
    await using nexa = await startTestNexa({ classifier: flaky.classifier });
    const events = await collect(nexa.client().classify({ partnumber: 'FLAKY-1' }));
    expect(flaky.calls()).toBe(3);
    expect(events.filter((e) => e.event.type === 'progress' && e.event.message.includes('retrying'))).toHaveLength(2);
    expect(events.at(-1)?.event.type).toBe('result');
  });

  it('ends in a failed event with the reason after the configured attempts', async () => {
    const flaky = flakyClassifier(99);
    await using nexa = await startTestNexa({ classifier: flaky.classifier, env: { JOB_ATTEMPTS: '3' } });
    const client = nexa.client();
    const events = await collect(client.classify({ partnumber: 'BROKEN-1' }));
    const last = events.at(-1)!.event;
    expect(last.type).toBe('failed');
    if (last.type === 'failed') expect(last.error).toContain('AI server answered 503');
    expect(flaky.calls()).toBe(3);
    const task = await client.task.get.query({ taskId: last.taskId });
    expect(task.status).toBe('failed');
    expect(task.error).toContain('503');
    expect(task.classifications).toEqual([]);
  });

  it('that never answers is abandoned after AI_TIMEOUT_MS and the task fails instead of hanging', async () => {
    const silent = silentClassifier();
    await using nexa = await startTestNexa({ classifier: silent.classifier, env: { AI_TIMEOUT_MS: '200', JOB_ATTEMPTS: '2' } });
    const events = await collect(nexa.client().classify({ partnumber: 'SILENT-1' }));
    const last = events.at(-1)!.event;
    expect(last.type).toBe('failed');
    if (last.type === 'failed') expect(last.error).toContain('did not answer within 200 ms');
    expect(silent.calls()).toBe(2);
  });

  it('with an invalid answer fails the attempt with the reason', async () => {
    await using nexa = await startTestNexa({
      classifier: { name: 'invalid', classify: async () => ({ ncm: '123', description: '', confidence: 7, engine: 'x' }) as never },
      env: { JOB_ATTEMPTS: '1' },
    });
    const events = await collect(nexa.client().classify({ partnumber: 'INVALID-1' }));
    const last = events.at(-1)!.event;
    expect(last.type).toBe('failed');
    if (last.type === 'failed') expect(last.error).toMatch(/invalid result: .*ncm/);
  });
});
