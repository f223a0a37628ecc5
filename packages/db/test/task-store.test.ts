import type { ClassifierOutcome } from '@nexa/contracts';
import { createPostgresTestDatabase } from '@nexa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskStore, openDatabase, type DatabaseHandle } from '../src/index';

const outcome: ClassifierOutcome = {
  ncm: '85423190',
  description: 'Circuito integrado',
  manufacturer: 'ACME',
  country: 'BR',
  confidence: 0.9,
  alternatives: [],
  justification: 'test',
  engine: 'test-engine',
};

describe.each([
  ['postgres', async () => {
    const database = await createPostgresTestDatabase();
    const handle = await openDatabase({ databaseUrl: database.url });
    return { handle, dispose: async () => { await handle.close(); await database[Symbol.asyncDispose](); } };
  }],
  ['pglite', async () => {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, dispose: () => handle.close() };
  }],
] as const)('task store on %s', (_kind, open) => {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, dispose } = await open());
  });
  afterAll(() => dispose());

  it('creates a queued task and finds it', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'ABC-1', description: 'chip' }, reclassify: false, status: 'queued' });
    const task = await store.getTask(ref.taskId);
    expect(task).toMatchObject({ id: ref.taskId, status: 'queued', partnumber: 'ABC-1', description: 'chip', classifications: [] });
    expect(await store.getItem(ref.itemId)).toMatchObject({ taskId: ref.taskId, partnumber: 'ABC-1', status: 'queued' });
  });

  it('stores one classification per item even when completed twice, and finishes the task', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'TWICE-1' }, reclassify: false, status: 'queued' });
    await store.markItemProcessing(ref.itemId);
    expect((await store.getTask(ref.taskId))?.status).toBe('processing');
    const first = (await store.completeItem(ref.itemId, outcome)).classification;
    const second = (await store.completeItem(ref.itemId, { ...outcome, ncm: '99999999' })).classification;
    expect(second.id).toBe(first.id);
    const task = await store.getTask(ref.taskId);
    expect(task?.status).toBe('done');
    expect(task?.finishedAt).not.toBeNull();
    expect(task?.classifications).toHaveLength(1);
    expect(task?.classifications[0]).toMatchObject({ ncm: '85423190', status: 'ACTIVE', engine: 'test-engine', partnumber: 'TWICE-1' });
    expect(await store.knownClassifications('TWICE-1')).toHaveLength(1);
  });

  it('marks a failed item and its task with the reason; a later failure does not overwrite a result', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'FAIL-1' }, reclassify: false, status: 'queued' });
    await store.failItem(ref.itemId, 'AI server unavailable');
    expect(await store.getTask(ref.taskId)).toMatchObject({ status: 'failed', error: 'AI server unavailable' });

    const done = await store.createSingleTask({ part: { partnumber: 'DONE-1' }, reclassify: false, status: 'queued' });
    await store.completeItem(done.itemId, outcome);
    await store.failItem(done.itemId, 'late failure');
    expect((await store.getTask(done.taskId))?.status).toBe('done');
  });

  it('answers a task done from history with the known classifications', async () => {
    const store = createTaskStore(handle.db);
    const first = await store.createSingleTask({ part: { partnumber: 'KNOWN-1' }, reclassify: false, status: 'queued' });
    await store.completeItem(first.itemId, outcome);
    const second = await store.createSingleTask({ part: { partnumber: 'KNOWN-1' }, reclassify: false, status: 'done' });
    const task = await store.getTask(second.taskId);
    expect(task?.status).toBe('done');
    expect(task?.classifications.map((c) => c.ncm)).toEqual(['85423190']);
  });

  it('deletes a task and its items but keeps the partnumber history', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'DEL-1' }, reclassify: false, status: 'queued' });
    await store.completeItem(ref.itemId, outcome);
    await store.deleteTask(ref.taskId);
    expect(await store.getTask(ref.taskId)).toBeNull();
    expect(await store.getItem(ref.itemId)).toBeNull();
    expect(await store.knownClassifications('DEL-1')).toHaveLength(1);
  });
});
