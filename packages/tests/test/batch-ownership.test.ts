import { tables } from '@nexa/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { blockingClassifier, codeOf, collect, fetchExport, flatten, startTestNexa, upload, type TestNexa } from '../src/index';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function apiErrorOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { code: string; message: string } };
}

const taskCount = async (nexa: TestNexa) => (await nexa.database.db.select().from(tables.tasks)).length;

describe("someone else's batch", () => {
  it('is NOT_FOUND to get, page, cancel, delete, export and subscribe to, and keeps running for its owner', async () => {
    const blocking = blockingClassifier();
    await using nexa = await startTestNexa({ classifier: blocking.classifier, env: { WORKER_CONCURRENCY: '1' } });
    const alice = nexa.client();
    const bob = await nexa.createUser();
    const items = ['OWNED-1', 'OWNED-2', 'OWNED-3'].map((partnumber) => ({ partnumber }));
    const { taskId } = await alice.classification.submitBatch.mutate({ items });
    await blocking.atGate;

    const asBob = bob.client();
    expect(await codeOf(asBob.task.get.query({ taskId }))).toBe('NOT_FOUND');
    expect(await codeOf(asBob.task.items.query({ taskId }))).toBe('NOT_FOUND');
    expect(await codeOf(asBob.task.cancel.mutate({ taskId }))).toBe('NOT_FOUND');
    expect(await codeOf(asBob.task.delete.mutate({ taskId }))).toBe('NOT_FOUND');
    for (const transport of ['ws', 'sse'] as const) {
      expect(await codeOf(collect(bob.client(transport).watch(taskId))), transport).toMatch(/NOT_FOUND/);
    }
    for (const format of ['xlsx', 'csv'] as const) {
      const refused = await apiErrorOf(await fetchExport(nexa, taskId, format, bob.token));
      const missing = await apiErrorOf(await fetchExport(nexa, MISSING, format, bob.token));
      expect(refused).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: `task ${taskId} not found` } });
      // Indistinguishable from a task that does not exist.
      expect(missing).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: `task ${MISSING} not found` } });
    }
    expect((await asBob.task.list.query()).items).toEqual([]);

    // Bob's cancel changed nothing: the batch runs to the end for Alice.
    expect((await alice.task.get.query({ taskId })).status).toBe('processing');
    blocking.open();
    expect(flatten(await collect(alice.watch(taskId))).at(-1)).toMatchObject({ type: 'batch_finished', status: 'done', done: 3 });
    expect(await alice.task.get.query({ taskId })).toMatchObject({ ownerId: nexa.user.id, kind: 'batch', status: 'done' });
    const stored = await nexa.database.db.select().from(tables.classifications).where(eq(tables.classifications.taskId, taskId));
    expect(stored.map((row) => row.ownerId)).toEqual([nexa.user.id, nexa.user.id, nexa.user.id]);
    expect((await fetchExport(nexa, taskId, 'csv')).status).toBe(200);
  });

  it('is visible to an admin: get, items, events, export and the task list', async () => {
    await using nexa = await startTestNexa();
    const admin = await nexa.createUser({ role: 'admin' });
    const { taskId } = await nexa.client().classification.submitBatch.mutate({ items: [{ partnumber: 'ADMIN-B-1' }, { partnumber: 'ADMIN-B-2' }] });
    const asAdmin = admin.client();
    expect(flatten(await collect(asAdmin.watch(taskId))).at(-1)).toMatchObject({ type: 'batch_finished', done: 2 });
    expect(await asAdmin.task.get.query({ taskId })).toMatchObject({ ownerId: nexa.user.id, counts: { total: 2, done: 2 } });
    expect((await asAdmin.task.items.query({ taskId })).items.map((item) => item.partnumber)).toEqual(['ADMIN-B-1', 'ADMIN-B-2']);
    const csv = await fetchExport(nexa, taskId, 'csv', admin.token);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('ADMIN-B-2');
    expect((await asAdmin.task.list.query()).items.map((task) => task.id)).toContain(taskId);
  });
});

describe('history answers inside a batch', () => {
  it("use only the submitter's own classifications", async () => {
    await using nexa = await startTestNexa();
    const alice = nexa.client();
    await collect(alice.classify({ partnumber: 'SHARED-B-1' }));
    const bob = await nexa.createUser();
    const admin = await nexa.createUser({ role: 'admin' });

    const bobs = await bob.client().classification.submitBatch.mutate({ items: [{ partnumber: 'SHARED-B-1' }, { partnumber: 'BOB-ONLY-1' }] });
    expect(bobs).toMatchObject({ status: 'queued', answeredFromHistory: 0, queued: 2 });
    // An admin sees every task, but a submission of theirs is answered from their own history too.
    const admins = await admin.client().classification.submitBatch.mutate({ items: [{ partnumber: 'SHARED-B-1' }] });
    expect(admins).toMatchObject({ answeredFromHistory: 0, queued: 1 });

    const alices = await alice.classification.submitBatch.mutate({ items: [{ partnumber: 'SHARED-B-1' }] });
    expect(alices).toMatchObject({ status: 'done', answeredFromHistory: 1, queued: 0 });
    const [answered] = (await alice.task.items.query({ taskId: alices.taskId })).items;
    const [own] = await alice.partnumber.get.query({ partnumber: 'SHARED-B-1' }).then((history) => history.classifications);
    expect(answered!.classification?.id).toBe(own!.id);
  });
});

describe('upload and export credentials', () => {
  const csv = { bytes: 'pn;descrição\nCRED-1;Rolamento\n', name: 'po.csv', type: 'text/csv' };

  it('answer 401 JSON without credentials, with an unknown token and with a revoked API key, and accept a live key', async () => {
    await using nexa = await startTestNexa();
    const { key, id } = await nexa.client().apiKeys.create.mutate({ name: 'erp' });
    const { taskId } = await nexa.client().classification.submitBatch.mutate({ items: [{ partnumber: 'CRED-EXPORT-1' }] });

    const accepted = await upload(nexa, csv, {}, key);
    expect(accepted).toMatchObject({ status: 201, body: { total: 1, format: 'csv' } });
    expect((await fetchExport(nexa, taskId, 'xlsx', key)).status).toBe(200);

    await nexa.client().apiKeys.revoke.mutate({ id });
    const tasksBefore = await taskCount(nexa);
    for (const token of [null, 'not-a-real-token', key]) {
      const refused = await upload(nexa, csv, {}, token);
      expect(refused.status, String(token)).toBe(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED' });
      for (const format of ['xlsx', 'csv'] as const) {
        const exported = await apiErrorOf(await fetchExport(nexa, taskId, format, token));
        expect(exported.status, `${format} ${String(token)}`).toBe(401);
        expect(exported.body.code).toBe('UNAUTHORIZED');
      }
    }
    expect(await taskCount(nexa)).toBe(tasksBefore);
  });

  it('makes the uploader the owner of the batch', async () => {
    await using nexa = await startTestNexa();
    const bob = await nexa.createUser();
    const { body } = await upload(nexa, csv, {}, bob.token);
    expect((await bob.client().task.get.query({ taskId: body.taskId })).ownerId).toBe(bob.user.id);
    expect(await codeOf(nexa.client().task.get.query({ taskId: body.taskId }))).toBe('NOT_FOUND');
  });
});
