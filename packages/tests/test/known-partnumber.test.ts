import { describe, expect, it } from 'vitest';
import { collect, startTestNexa } from '../src/index';

describe('a partnumber already classified', () => {
  it('is answered at once from history, without a job', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'ABC-100' }));
    const jobsBefore = await nexa.redis.connect().keys(`${nexa.redis.prefix}:bull:classification:[0-9a-f]*`);

    const again = await client.classification.submit.mutate({ partnumber: 'abc-100' });
    expect(again.status).toBe('done');
    expect(again.classifications).toHaveLength(1);
    expect(again.classifications[0]).toMatchObject({ partnumber: 'ABC-100', status: 'ACTIVE' });

    const jobsAfter = await nexa.redis.connect().keys(`${nexa.redis.prefix}:bull:classification:[0-9a-f]*`);
    expect(jobsAfter.length).toBe(jobsBefore.length);

    const events = await collect(client.watch(again.taskId));
    expect(events.map((e) => e.event.type)).toEqual(['result']);
    const task = await client.task.get.query({ taskId: again.taskId });
    expect(task.status).toBe('done');
    expect(task.classifications.map((c) => c.id)).toEqual(again.classifications.map((c) => c.id));
  });

  it('is classified again when reclassify is set, keeping the history', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'ABC-200' }));
    const again = await client.classification.submit.mutate({ partnumber: 'ABC-200', reclassify: true });
    expect(again.status).toBe('queued');
    expect(again.classifications).toHaveLength(1);
    const events = await collect(client.watch(again.taskId));
    expect(events.at(-1)?.event.type).toBe('result');
  });
});
