import { tables } from '@nexa/db';
import type { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, errorOf, gatedClassifier, startTestNexa } from '../src/index';

describe("someone else's task", () => {
  it('is NOT_FOUND to read, subscribe to (WS and SSE) or delete, and is not listed', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const alice = nexa.client();
    const bob = await nexa.createUser();
    const { taskId } = await alice.classification.submit.mutate({ partnumber: 'PRIVATE-1' });
    const missing = '00000000-0000-4000-8000-000000000000';

    const asBob = bob.client();
    expect(await codeOf(asBob.task.get.query({ taskId }))).toBe('NOT_FOUND');
    expect((await codeOf(asBob.task.get.query({ taskId }))) === (await codeOf(asBob.task.get.query({ taskId: missing })))).toBe(true);
    for (const transport of ['ws', 'sse'] as const) {
      expect(await codeOf(collect(bob.client(transport).watch(taskId))), transport).toMatch(/NOT_FOUND/);
    }
    expect(await codeOf(asBob.task.delete.mutate({ taskId }))).toBe('NOT_FOUND');
    expect((await asBob.task.list.query()).items).toEqual([]);

    gated.open();
    expect((await collect(alice.watch(taskId))).at(-1)?.event.type).toBe('result');
    expect((await alice.task.get.query({ taskId })).ownerId).toBe(nexa.user.id);
    expect((await alice.task.list.query()).items.map((t) => t.id)).toEqual([taskId]);
  });

  it('is visible to an admin, who lists every task', async () => {
    await using nexa = await startTestNexa();
    const admin = await nexa.createUser({ role: 'admin' });
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'ADMIN-SEES-1' });
    const { taskId: own } = await admin.client().classification.submit.mutate({ partnumber: 'ADMIN-OWN-1' });
    expect((await admin.client().task.get.query({ taskId })).partnumber).toBe('ADMIN-SEES-1');
    expect((await admin.client().task.list.query({})).items.map((t) => t.id)).toEqual([own, taskId]);
    expect((await nexa.client().task.list.query()).items.map((t) => t.id)).toEqual([taskId]);
  });

  it("is not answered from another user's history", async () => {
    await using nexa = await startTestNexa();
    await collect(nexa.client().classify({ partnumber: 'SHARED-PN-1' }));
    const bob = await nexa.createUser();
    const submitted = await bob.client().classification.submit.mutate({ partnumber: 'SHARED-PN-1' });
    expect(submitted).toMatchObject({ status: 'queued', classifications: [] });
  });
});

describe('task.list and task.delete', () => {
  it('pages newest first, filters by status, and deletes a task with its items', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const ids: string[] = [];
    for (const partnumber of ['LIST-1', 'LIST-2', 'LIST-3']) ids.push((await client.classification.submit.mutate({ partnumber })).taskId);
    await Promise.all(ids.map((id) => collect(client.watch(id))));

    const first = await client.task.list.query({ limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    const second = await client.task.list.query({ limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await client.task.list.query({ status: 'failed' })).items).toEqual([]);
    const tooMany = await errorOf(client.task.list.query({ limit: 1000 }));
    expect([tooMany.data?.code, tooMany.message]).toEqual(['BAD_REQUEST', 'limit: limit must be at most 100']);
    expect((await errorOf(client.task.list.query({ cursor: ids[0]! }))).message).toBe('cursor: cursor must be a nextCursor of task.list');
    expect((await client.task.list.query({ limit: 2, cursor: null })).items).toHaveLength(2);

    // A page goes on from where the last one ended even when the task that ended it is deleted.
    // Deleted twice at once, it is deleted once: the other call finds no task.
    const twice = await Promise.allSettled([client.task.delete.mutate({ taskId: ids[1]! }), client.task.delete.mutate({ taskId: ids[1]! })]);
    expect(twice.map((outcome) => (outcome.status === 'fulfilled' ? 'deleted' : (outcome.reason as TRPCClientError<any>).data?.code)).sort()).toEqual(['NOT_FOUND', 'deleted']);
    expect((await client.task.list.query({ limit: 2, cursor: first.nextCursor! })).items.map((t) => t.id)).toEqual([ids[0]]);

    expect(await client.task.delete.mutate({ taskId: ids[0]! })).toEqual({ taskId: ids[0], deleted: true });
    expect(await codeOf(client.task.get.query({ taskId: ids[0]! }))).toBe('NOT_FOUND');
    expect(await nexa.database.db.select().from(tables.taskItems).where(eq(tables.taskItems.taskId, ids[0]!))).toEqual([]);
    expect((await client.task.list.query()).items.map((t) => t.id)).toEqual([ids[2]]);
  });

  it('deleting a task keeps the classification other tasks were answered with', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const original = await collect(client.classify({ partnumber: 'SHARED-1' }));
    const answer = original.at(-1)!.event;
    if (answer.type !== 'result') throw new Error(`expected a result, got ${answer.type}`);
    const batch = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'SHARED-1' }] });
    const single = await client.classification.submit.mutate({ partnumber: 'SHARED-1' });
    expect([batch.answeredFromHistory, single.status]).toEqual([1, 'done']);

    await client.task.delete.mutate({ taskId: answer.taskId });
    for (const taskId of [batch.taskId, single.taskId]) {
      expect((await client.task.items.query({ taskId })).items[0]!.classification).toMatchObject({ id: answer.classification.id, taskId: null });
    }
  });
});
