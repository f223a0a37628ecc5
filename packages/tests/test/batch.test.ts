import { tables } from '@nexa/db';
import { waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import type { AiClassifier } from '@nexa/contracts';
import { blockingClassifier, collect, errorOf, flatten, sampleOutcome, selectiveClassifier, startTestNexa } from '../src/index';

describe('classification.submitBatch', () => {
  it('collapses duplicates, answers known partnumbers from history, classifies the rest and finishes', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'KNOWN-1', description: 'relé 24V' }));

    const submitted = await client.classification.submitBatch.mutate({
      items: [
        { partnumber: 'batch-a', description: 'parafuso M3', quantity: 100 },
        { partnumber: ' BATCH-A ', description: 'duplicate line' },
        { partnumber: 'known-1' },
        { partnumber: 'BATCH-B', manufacturer: 'ACME', supplier: 'Arrow' },
      ],
    });
    expect(submitted).toMatchObject({ status: 'queued', total: 3, duplicates: 1, answeredFromHistory: 1, queued: 2 });

    const events = flatten(await collect(client.watch(submitted.taskId)));
    expect(events[0]!.type).toBe('queued');
    const itemResults = events.filter((event) => event.type === 'item_result');
    expect(itemResults.map((event) => event.partnumber).sort()).toEqual(['BATCH-A', 'BATCH-B', 'KNOWN-1']);
    expect(events.at(-1)).toMatchObject({ type: 'batch_finished', status: 'done', total: 3, done: 3, failed: 0, cancelled: 0 });

    const task = await client.task.get.query({ taskId: submitted.taskId });
    expect(task).toMatchObject({ kind: 'batch', status: 'done', counts: { total: 3, done: 3 }, nextItemsCursor: null });
    expect(task.items.map((item) => [item.seq, item.partnumber, item.status, item.quantity])).toEqual([
      [1, 'BATCH-A', 'done', 100],
      [2, 'KNOWN-1', 'done', null],
      [3, 'BATCH-B', 'done', null],
    ]);
    expect(task.items[0]!.description).toBe('parafuso M3');
    expect(task.items[1]!.classification?.ncm).toMatch(/^\d{8}$/);
    expect(task.items.every((item) => item.classification !== null)).toBe(true);

    const firstPage = await client.task.items.query({ taskId: submitted.taskId, limit: 2 });
    expect(firstPage.items.map((item) => item.seq)).toEqual([1, 2]);
    const secondPage = await client.task.items.query({ taskId: submitted.taskId, cursor: firstPage.nextCursor, limit: 2 });
    expect(secondPage).toMatchObject({ nextCursor: null });
    expect(secondPage.items.map((item) => item.seq)).toEqual([3]);
  });

  it('finishes at once when every partnumber is known, and reclassifies them when asked', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'OLD-1' }));
    const known = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'OLD-1' }] });
    expect(known).toMatchObject({ status: 'done', answeredFromHistory: 1, queued: 0 });
    expect(flatten(await collect(client.watch(known.taskId))).map((event) => event.type)).toEqual(['queued', 'item_result', 'batch_finished']);

    const again = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'OLD-1' }], reclassify: true });
    expect(again).toMatchObject({ status: 'queued', answeredFromHistory: 0, queued: 1 });
    expect(flatten(await collect(client.watch(again.taskId))).at(-1)).toMatchObject({ type: 'batch_finished', done: 1 });
  });

  it('keeps the name a batch was given, for task.get and task.list; a single task and an unnamed batch have none', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const named = await client.classification.submitBatch.mutate({ name: '  Pedido 4512 — março  ', items: [{ partnumber: 'NAMED-1' }] });
    const unnamed = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'UNNAMED-1' }] });
    const single = await client.classification.submit.mutate({ partnumber: 'SINGLE-1' });
    expect((await client.task.get.query({ taskId: named.taskId })).name).toBe('Pedido 4512 — março');
    const listed = await client.task.list.query();
    expect(listed.items.map((task) => [task.id, task.name])).toEqual([
      [single.taskId, null],
      [unnamed.taskId, null],
      [named.taskId, 'Pedido 4512 — março'],
    ]);

    for (const name of ['   ', 'x'.repeat(201)]) {
      const refused = await errorOf(client.classification.submitBatch.mutate({ name, items: [{ partnumber: 'NAMED-2' }] }));
      expect(refused.data?.code).toBe('BAD_REQUEST');
      expect(refused.message).toContain('name');
    }
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(3);
  });

  it('with an idempotency key, answers a repeat (also concurrent ones) with the batch the key first created, at no cost to the limits', async () => {
    await using nexa = await startTestNexa({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '6' } });
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'IDEM-KNOWN' }));
    const items = [{ partnumber: 'IDEM-B1' }, { partnumber: 'IDEM-KNOWN' }, { partnumber: 'idem-b1' }];
    const submit = () => client.classification.submitBatch.mutate({ items, idempotencyKey: 'erp-batch-0001' });
    const racing = await Promise.all([submit(), submit(), submit()]);
    expect(new Set(racing.map((answer) => answer.taskId)).size).toBe(1);
    await collect(client.watch(racing[0]!.taskId));
    // 4 of 6 submissions used: repeats that cost one each would run out.
    const repeats = await Promise.all(Array.from({ length: 5 }, submit));
    for (const repeat of repeats) {
      expect(repeat).toEqual({ taskId: racing[0]!.taskId, status: 'done', total: 2, duplicates: 1, answeredFromHistory: 1, queued: 1 });
    }
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(2);

    // The key of a single submission names no batch.
    await client.classification.submit.mutate({ partnumber: 'IDEM-SINGLE', idempotencyKey: 'erp-line-0001' }).catch(() => {});
    const reused = await errorOf(client.classification.submitBatch.mutate({ items, idempotencyKey: 'erp-line-0001' }));
    expect([reused.data?.code, reused.message]).toEqual(['CONFLICT', 'idempotencyKey was already used for a single submission']);
  });

  it('refuses bad items and too many items with BAD_REQUEST, writing nothing', async () => {
    await using nexa = await startTestNexa({ env: { BATCH_MAX_ITEMS: '3' } });
    const client = nexa.client();
    const invalid = await errorOf(client.classification.submitBatch.mutate({ items: [{ partnumber: 'GOOD-1' }, { partnumber: 'x' }] }));
    expect(invalid.data?.code).toBe('BAD_REQUEST');
    expect(invalid.message).toContain('items.1.partnumber');
    const empty = await errorOf(client.classification.submitBatch.mutate({ items: [] }));
    expect(empty.data?.code).toBe('BAD_REQUEST');
    const tooMany = await errorOf(
      client.classification.submitBatch.mutate({ items: ['P-1', 'P-2', 'P-3', 'P-4'].map((partnumber) => ({ partnumber })) }),
    );
    expect(tooMany.data?.code).toBe('BAD_REQUEST');
    expect(tooMany.message).toContain('at most 3');
    // Duplicates do not count against the limit.
    const collapsed = await client.classification.submitBatch.mutate({ items: ['P-1', 'P-2', 'P-3', 'P-1'].map((partnumber) => ({ partnumber })) });
    expect(collapsed).toMatchObject({ total: 3, duplicates: 1 });
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(1);
  });

  it('marks the items whose classification fails, finishes the others, and counts both', async () => {
    const selective = selectiveClassifier((partnumber) => partnumber.startsWith('BAD'));
    await using nexa = await startTestNexa({ classifier: selective.classifier, env: { JOB_ATTEMPTS: '1' } });
    const client = nexa.client();
    const items = ['OK-1', 'BAD-1', 'OK-2', 'BAD-2', 'OK-3'].map((partnumber) => ({ partnumber }));
    const { taskId } = await client.classification.submitBatch.mutate({ items });
    const events = flatten(await collect(client.watch(taskId)));

    const failed = events.filter((event) => event.type === 'item_failed');
    expect(failed.map((event) => [event.partnumber, event.error]).sort()).toEqual([
      ['BAD-1', 'no NCM for BAD-1'],
      ['BAD-2', 'no NCM for BAD-2'],
    ]);
    expect(events.filter((event) => event.type === 'item_result')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'batch_finished', status: 'done', total: 5, done: 3, failed: 2, cancelled: 0 });

    const task = await client.task.get.query({ taskId });
    expect(task.status).toBe('done');
    expect(task.items.map((item) => [item.partnumber, item.status, item.error])).toEqual([
      ['OK-1', 'done', null],
      ['BAD-1', 'failed', 'no NCM for BAD-1'],
      ['OK-2', 'done', null],
      ['BAD-2', 'failed', 'no NCM for BAD-2'],
      ['OK-3', 'done', null],
    ]);
  });

  it('task.items pages only the failed items, or only the classified ones to review, when asked', async () => {
    const classifier: AiClassifier = {
      name: 'doubtful',
      async classify(part) {
        if (part.partnumber.startsWith('BAD')) throw new Error(`no NCM for ${part.partnumber}`);
        return { ...sampleOutcome(part), confidence: part.partnumber.startsWith('UNSURE') ? 0.35 : 0.9 };
      },
    };
    await using nexa = await startTestNexa({ classifier, env: { JOB_ATTEMPTS: '1' } });
    const client = nexa.client();
    const items = ['OK-1', 'UNSURE-1', 'BAD-1', 'OK-2', 'UNSURE-2', 'UNSURE-3', 'BAD-2'].map((partnumber) => ({ partnumber }));
    const { taskId } = await client.classification.submitBatch.mutate({ items });
    await collect(client.watch(taskId));
    const unsure3 = (await client.task.items.query({ taskId })).items.find((item) => item.partnumber === 'UNSURE-3')!;
    await client.classification.review.mutate({ id: unsure3.classification!.id, action: 'approve' });

    const failed = await client.task.items.query({ taskId, filter: 'failed' });
    expect(failed.items.map((item) => [item.partnumber, item.status, item.error])).toEqual([
      ['BAD-1', 'failed', 'no NCM for BAD-1'],
      ['BAD-2', 'failed', 'no NCM for BAD-2'],
    ]);
    const firstToReview = await client.task.items.query({ taskId, filter: 'needsReview', limit: 1 });
    expect(firstToReview.items.map((item) => [item.partnumber, item.classification?.status, item.classification?.confidence])).toEqual([['UNSURE-1', 'ACTIVE', 0.35]]);
    const restToReview = await client.task.items.query({ taskId, filter: 'needsReview', limit: 1, cursor: firstToReview.nextCursor });
    expect(restToReview).toMatchObject({ items: [{ partnumber: 'UNSURE-2' }], nextCursor: null });
    expect((await client.task.items.query({ taskId })).items).toHaveLength(7);

    const refused = await errorOf(client.task.items.query({ taskId, filter: 'done' as never }));
    expect([refused.data?.code, refused.message]).toEqual(['BAD_REQUEST', expect.stringContaining('filter')]);
  });

  it('ends failed when every item failed', async () => {
    const selective = selectiveClassifier(() => true);
    await using nexa = await startTestNexa({ classifier: selective.classifier, env: { JOB_ATTEMPTS: '1' } });
    const client = nexa.client();
    const { taskId } = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'BAD-1' }, { partnumber: 'BAD-2' }] });
    expect(flatten(await collect(client.watch(taskId))).at(-1)).toMatchObject({ type: 'batch_finished', status: 'failed', done: 0, failed: 2 });
    expect((await client.task.get.query({ taskId })).status).toBe('failed');
  });
});

describe('task.cancel', () => {
  it('stops a batch: items not yet processed never are, what was running is kept, a terminal event is sent', async () => {
    const blocking = blockingClassifier();
    await using nexa = await startTestNexa({ classifier: blocking.classifier, env: { WORKER_CONCURRENCY: '1' } });
    const client = nexa.client();
    const items = Array.from({ length: 20 }, (_, index) => ({ partnumber: `CANCEL-${index + 1}` }));
    const { taskId } = await client.classification.submitBatch.mutate({ items });
    await blocking.atGate;

    const watching = collect(client.watch(taskId));
    const outcome = await client.task.cancel.mutate({ taskId });
    expect(outcome).toMatchObject({ taskId, cancelled: true, status: 'cancelled', counts: { total: 20, processing: 1, cancelled: 19, done: 0 } });
    const events = flatten(await watching);
    expect(events.at(-1)).toMatchObject({ type: 'cancelled', total: 20, cancelled: 19, done: 0, failed: 0 });

    blocking.open();
    // The one item that was running finishes and is kept; the task stays cancelled.
    const after = await waitFor(async () => {
      const task = await client.task.get.query({ taskId });
      return task.counts.done === 1 ? task : undefined;
    });
    expect(after.status).toBe('cancelled');
    expect(after.counts).toMatchObject({ done: 1, cancelled: 19, queued: 0, processing: 0 });
    // Give the worker the chance to (wrongly) pick up more jobs, then check none ran.
    const probe = await client.classification.submit.mutate({ partnumber: 'AFTER-CANCEL' });
    await collect(client.watch(probe.taskId));
    expect(blocking.started()).toBe(2);

    const again = await client.task.cancel.mutate({ taskId });
    expect(again).toMatchObject({ cancelled: false, status: 'cancelled' });
    const finished = await client.task.cancel.mutate({ taskId: probe.taskId });
    expect(finished).toMatchObject({ cancelled: false, status: 'done' });
    expect((await errorOf(client.task.cancel.mutate({ taskId: '00000000-0000-4000-8000-000000000000' }))).data?.code).toBe('NOT_FOUND');
  });
});
