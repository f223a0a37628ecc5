import { tables } from '@nexa/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { collect, gatedClassifier, startTestNexa } from '../src/index';

describe.each(['ws', 'sse'] as const)('submit → result over %s', (transport) => {
  it('streams queued, progress and result, and stores one ACTIVE classification', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client(transport);

    const submitted = await client.classification.submit.mutate({ partnumber: '  lm358-dr ', description: 'amplificador operacional chip' });
    expect(submitted).toMatchObject({ status: 'queued', classifications: [] });

    const events = await collect(client.watch(submitted.taskId));
    const types = events.map((e) => e.event.type);
    expect(types[0]).toBe('queued');
    expect(types.filter((t) => t === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(types.at(-1)).toBe('result');
    const result = events.at(-1)!.event;
    if (result.type !== 'result') throw new Error('expected a result');
    expect(result.classification).toMatchObject({ partnumber: 'LM358-DR', status: 'ACTIVE', engine: 'deterministic' });
    expect(result.classification.ncm).toMatch(/^\d{8}$/);

    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);

    const task = await client.task.get.query({ taskId: submitted.taskId });
    expect(task).toMatchObject({ status: 'done', partnumber: 'LM358-DR', error: null });
    expect(task.classifications).toHaveLength(1);
    const stored = await nexa.database.db.select().from(tables.classifications).where(eq(tables.classifications.taskId, submitted.taskId));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('ACTIVE');
  });
});

describe('classify helper', () => {
  it('yields the task events and ends with the result, on PGlite too', async () => {
    await using nexa = await startTestNexa({ database: 'pglite' });
    const client = nexa.client();
    const stream = client.classify({ partnumber: 'BC547', description: 'transistor' });
    const events = await collect(stream);
    expect(events.at(-1)?.event.type).toBe('result');
    const taskId = await stream.taskId;
    expect((await client.task.get.query({ taskId })).status).toBe('done');
  });
});

describe('task.cancel of a single task', () => {
  it('stops it while it is queued; once a worker has taken it, changes nothing and its result still comes', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier, env: { WORKER_CONCURRENCY: '1' } });
    const client = nexa.client();
    const taken = await client.classification.submit.mutate({ partnumber: 'CANCEL-TAKEN' });
    await gated.atGate;
    const waiting = await client.classification.submit.mutate({ partnumber: 'CANCEL-WAITING' });

    expect(await client.task.cancel.mutate({ taskId: taken.taskId })).toMatchObject({ cancelled: false, status: 'processing' });
    expect(await client.task.cancel.mutate({ taskId: waiting.taskId })).toMatchObject({ cancelled: true, status: 'cancelled' });
    gated.open();

    const takenEvents = (await collect(client.watch(taken.taskId))).map(({ event }) => event.type);
    expect(takenEvents.at(-1)).toBe('result');
    expect(takenEvents).not.toContain('cancelled');
    expect((await collect(client.watch(waiting.taskId))).map(({ event }) => event.type)).toEqual(['queued', 'cancelled']);
    expect(await client.task.get.query({ taskId: taken.taskId })).toMatchObject({ status: 'done', counts: { done: 1 } });
    const stored = await nexa.database.db.select().from(tables.classifications);
    expect(stored.map((row) => row.partnumber)).toEqual(['CANCEL-TAKEN']);
  });
});
