import { randomUUID } from 'node:crypto';
import { decodeTaskListCursor, IdempotencyKeyReusedError, NEEDS_REVIEW_BELOW, type ClassifierOutcome, type TaskItemsPage } from '@nexa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewStore, createTaskStore, createUserStore, type DatabaseHandle } from '../src/index';
import { databaseKinds } from './database-kinds';

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

describe.each(databaseKinds)('task store on %s', (_kind, open) => {
  let handle: DatabaseHandle;
  let dispose: () => Promise<void>;
  let ownerId: string;
  let otherId: string;
  beforeAll(async () => {
    ({ handle, dispose } = await open());
    const users = createUserStore(handle.db);
    ownerId = (await users.insertUser({ email: 'owner@example.com', name: null, role: 'user', passwordHash: 'x' }))!.id;
    otherId = (await users.insertUser({ email: 'other@example.com', name: null, role: 'user', passwordHash: 'x' }))!.id;
  });
  afterAll(() => dispose());

  it('creates a queued task and finds it', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'ABC-1', description: 'chip' }, ownerId, reclassify: false, status: 'queued' });
    const task = await store.getTask(ref.taskId);
    expect(task).toMatchObject({ id: ref.taskId, status: 'queued', partnumber: 'ABC-1', description: 'chip', classifications: [] });
    expect(await store.getItem(ref.itemId)).toMatchObject({ taskId: ref.taskId, partnumber: 'ABC-1', status: 'queued' });
  });

  it('stores one classification per item even when completed twice, and finishes the task', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'TWICE-1' }, ownerId, reclassify: false, status: 'queued' });
    expect(await store.claimItem(ref.itemId)).toMatchObject({ claimed: true, item: { taskId: ref.taskId, taskKind: 'single', partnumber: 'TWICE-1', status: 'processing' } });
    expect((await store.getTask(ref.taskId))?.status).toBe('processing');
    const first = (await store.completeItem(ref.itemId, outcome)).classification;
    const second = (await store.completeItem(ref.itemId, { ...outcome, ncm: '99999999' })).classification;
    expect(second.id).toBe(first.id);
    const task = await store.getTask(ref.taskId);
    expect(task?.status).toBe('done');
    expect(task?.finishedAt).not.toBeNull();
    expect(task?.classifications).toHaveLength(1);
    expect(task?.classifications[0]).toMatchObject({ ncm: '85423190', status: 'ACTIVE', engine: 'test-engine', partnumber: 'TWICE-1' });
    expect(await store.knownClassifications('TWICE-1', { ownerId })).toHaveLength(1);
  });

  it('completes a single task in one step: one classification, the item and the task done, a repeat returns the same one', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'ONE-STEP-1' }, ownerId, reclassify: false, status: 'queued' });
    await store.claimItem(ref.itemId);
    const stored = await store.completeSingleItem(ref.itemId, { ...outcome, alternatives: [{ ncm: '85423990', description: 'Outros', score: 0.4 }] });
    expect(stored).toMatchObject({ partnumber: 'ONE-STEP-1', ncm: '85423190', status: 'ACTIVE', taskId: ref.taskId, alternatives: [{ ncm: '85423990', score: 0.4 }] });
    expect(Number.isNaN(Date.parse(stored.createdAt))).toBe(false);
    expect(await store.getTask(ref.taskId)).toMatchObject({ status: 'done', classifications: [stored] });
    expect((await store.getTask(ref.taskId))?.finishedAt).not.toBeNull();
    expect(await store.getItem(ref.itemId)).toMatchObject({ status: 'done' });

    const again = await store.completeSingleItem(ref.itemId, { ...outcome, ncm: '99999999' });
    expect(again.id).toBe(stored.id);
    expect((await store.getTask(ref.taskId))?.classifications).toHaveLength(1);
  });

  it('claims only items still queued or processing, and says what the others are', async () => {
    const store = createTaskStore(handle.db);
    const batch = await store.createBatchTask({ ownerId, items: [{ partnumber: 'CLAIM-1' }, { partnumber: 'CLAIM-2' }], reclassify: false, known: new Map() });
    const [first, second] = batch.queued;
    expect(await store.claimItem(first!.itemId)).toMatchObject({ claimed: true, item: { taskKind: 'batch', seq: 1, partnumber: 'CLAIM-1' } });
    // A retry of the same attempt (e.g. after a stall) may take it again.
    expect((await store.claimItem(first!.itemId)).claimed).toBe(true);
    await store.completeItem(first!.itemId, outcome);
    expect(await store.claimItem(first!.itemId)).toMatchObject({ claimed: false, item: { status: 'done' } });
    await store.cancelTask(batch.taskId);
    expect(await store.claimItem(second!.itemId)).toMatchObject({ claimed: false, item: { status: 'cancelled' } });
    await store.deleteTask(batch.taskId);
    expect(await store.claimItem(second!.itemId)).toEqual({ claimed: false, item: null });
  });

  it('marks a failed item and its task with the reason; a later failure does not overwrite a result', async () => {
    const store = createTaskStore(handle.db);
    const ref = await store.createSingleTask({ part: { partnumber: 'FAIL-1' }, ownerId, reclassify: false, status: 'queued' });
    await store.failItem(ref.itemId, 'AI server unavailable');
    expect(await store.getTask(ref.taskId)).toMatchObject({ status: 'failed', error: 'AI server unavailable' });

    const done = await store.createSingleTask({ part: { partnumber: 'DONE-1' }, ownerId, reclassify: false, status: 'queued' });
    await store.completeItem(done.itemId, outcome);
    await store.failItem(done.itemId, 'late failure');
    expect((await store.getTask(done.taskId))?.status).toBe('done');
  });

  it('answers a task done from history with the known classifications', async () => {
    const store = createTaskStore(handle.db);
    const first = await store.createSingleTask({ part: { partnumber: 'KNOWN-1' }, ownerId, reclassify: false, status: 'queued' });
    await store.completeItem(first.itemId, outcome);
    const second = await store.createSingleTask({ part: { partnumber: 'KNOWN-1' }, ownerId, reclassify: false, status: 'done' });
    const task = await store.getTask(second.taskId);
    expect(task?.status).toBe('done');
    expect(task?.classifications.map((c) => c.ncm)).toEqual(['85423190']);
  });

  it('deletes a task, its items and unapproved classifications, but keeps approved ones in the history', async () => {
    const store = createTaskStore(handle.db);
    const approvedTask = await store.createSingleTask({ part: { partnumber: 'DEL-1' }, ownerId, reclassify: false, status: 'queued' });
    const { classification: approved } = await store.completeItem(approvedTask.itemId, outcome);
    await createReviewStore(handle.db).review({ id: approved.id, action: 'approve', actorId: ownerId }, { ownerId });
    const activeTask = await store.createSingleTask({ part: { partnumber: 'DEL-1' }, ownerId, reclassify: true, status: 'queued' });
    await store.completeItem(activeTask.itemId, { ...outcome, ncm: '85423990' });

    await store.deleteTask(approvedTask.taskId);
    await store.deleteTask(activeTask.taskId);
    expect(await store.getTask(approvedTask.taskId)).toBeNull();
    expect(await store.getItem(approvedTask.itemId)).toBeNull();
    const kept = await store.knownClassifications('DEL-1', { ownerId });
    expect(kept.map((c) => [c.ncm, c.status])).toEqual([['85423190', 'APPROVED']]);
  });

  it('scopes known classifications and task lists to their owner; "all" sees everything', async () => {
    const store = createTaskStore(handle.db);
    const mine = await store.createSingleTask({ part: { partnumber: 'SCOPE-1' }, ownerId, reclassify: false, status: 'queued' });
    await store.completeItem(mine.itemId, outcome);
    const theirs = await store.createSingleTask({ part: { partnumber: 'SCOPE-1' }, ownerId: otherId, reclassify: false, status: 'queued' });
    expect(await store.knownClassifications('SCOPE-1', { ownerId: otherId })).toEqual([]);
    expect(await store.knownClassifications('SCOPE-1', 'all')).toHaveLength(1);

    const theirBatch = await store.createBatchTask({ ownerId: otherId, items: [{ partnumber: 'SCOPE-2' }, { partnumber: 'SCOPE-3' }], reclassify: false, known: new Map() });
    const theirList = await store.listTasks({ visibility: { ownerId: otherId }, limit: 10 });
    expect(theirList.items.map((t) => [t.id, t.itemCount])).toEqual([
      [theirBatch.taskId, 2],
      [theirs.taskId, 1],
    ]);
    const all = await store.listTasks({ visibility: 'all', limit: 100 });
    expect(all.items.map((t) => t.id)).toContain(mine.taskId);
    expect(all.items.map((t) => t.id)).toContain(theirs.taskId);
  });

  it("records a batch with its owner, whose items' classifications are the owner's, and answers batches from that owner's history, approved first", async () => {
    const store = createTaskStore(handle.db);
    const batch = await store.createBatchTask({ ownerId, items: [{ partnumber: 'BATCH-OWN-1' }, { partnumber: 'BATCH-OWN-2' }], reclassify: false, known: new Map() });
    expect(await store.getTask(batch.taskId)).toMatchObject({ ownerId, kind: 'batch', counts: { total: 2, queued: 2 } });
    const [first, second] = batch.queued;
    await store.completeItem(first!.itemId, outcome);
    const { classification: newer } = await store.completeItem(second!.itemId, { ...outcome, ncm: '85423990' });
    expect(newer).toMatchObject({ partnumber: 'BATCH-OWN-2' });

    const reclassified = await store.createSingleTask({ part: { partnumber: 'BATCH-OWN-1' }, ownerId, reclassify: true, status: 'queued' });
    const { classification: machine } = await store.completeItem(reclassified.itemId, { ...outcome, ncm: '84829990' });
    const [approved] = await store.knownClassifications('BATCH-OWN-1', { ownerId }).then((known) => known.filter((c) => c.id !== machine.id));
    await createReviewStore(handle.db).review({ id: approved!.id, action: 'approve', actorId: ownerId }, { ownerId });

    const mine = await store.latestKnownClassifications(['BATCH-OWN-1', 'BATCH-OWN-2', 'BATCH-UNKNOWN'], { ownerId });
    expect([...mine.keys()].sort()).toEqual(['BATCH-OWN-1', 'BATCH-OWN-2']);
    // The approved one answers, though a newer machine classification exists.
    expect(mine.get('BATCH-OWN-1')).toMatchObject({ id: approved!.id, status: 'APPROVED' });
    expect((await store.latestKnownClassifications(['BATCH-OWN-1', 'BATCH-OWN-2'], { ownerId: otherId })).size).toBe(0);
    expect((await store.latestKnownClassifications(['BATCH-OWN-1', 'BATCH-OWN-2'], 'all')).size).toBe(2);
  });

  it("pages a batch's failed items, and its classified ones still to be reviewed below the engine's threshold, by seq cursor", async () => {
    const store = createTaskStore(handle.db);
    const reviews = createReviewStore(handle.db);
    const { classification: knownLow } = await store.completeItem(
      (await store.createSingleTask({ part: { partnumber: 'FILTER-KNOWN' }, ownerId, reclassify: false, status: 'queued' })).itemId,
      { ...outcome, confidence: 0.3 },
    );
    const partnumbers = ['FILTER-SURE', 'FILTER-LOW-1', 'FILTER-FAILED', 'FILTER-APPROVED', 'FILTER-REJECTED', 'FILTER-OVERRIDDEN', 'FILTER-LOW-2', 'FILTER-AT-THRESHOLD', 'FILTER-QUEUED'];
    const batch = await store.createBatchTask({
      ownerId,
      items: [...partnumbers, 'FILTER-KNOWN'].map((partnumber) => ({ partnumber })),
      reclassify: false,
      known: new Map([['FILTER-KNOWN', knownLow]]),
    });
    const itemOf = new Map(partnumbers.map((partnumber, index) => [partnumber, batch.queued[index]!.itemId]));
    const complete = async (partnumber: string, confidence: number) => (await store.completeItem(itemOf.get(partnumber)!, { ...outcome, confidence })).classification;
    await complete('FILTER-SURE', 0.9);
    await complete('FILTER-LOW-1', 0.41);
    await store.failItem(itemOf.get('FILTER-FAILED')!, 'no NCM');
    await reviews.review({ id: (await complete('FILTER-APPROVED', 0.2)).id, action: 'approve', actorId: ownerId }, { ownerId });
    await reviews.review({ id: (await complete('FILTER-REJECTED', 0.2)).id, action: 'reject', actorId: ownerId }, { ownerId });
    await reviews.review({ id: (await complete('FILTER-OVERRIDDEN', 0.2)).id, action: 'override', ncm: '85423990', actorId: ownerId }, { ownerId });
    await complete('FILTER-LOW-2', 0.59);
    await complete('FILTER-AT-THRESHOLD', NEEDS_REVIEW_BELOW);

    const partnumbersOf = (page: TaskItemsPage) => page.items.map((item) => item.partnumber);
    expect(partnumbersOf(await store.listItems(batch.taskId, null, 100, 'failed'))).toEqual(['FILTER-FAILED']);
    expect(partnumbersOf(await store.listItems(batch.taskId, null, 100, 'needsReview'))).toEqual(['FILTER-LOW-1', 'FILTER-LOW-2', 'FILTER-KNOWN']);
    expect((await store.listItems(batch.taskId, null, 100)).items).toHaveLength(10);

    const first = await store.listItems(batch.taskId, null, 2, 'needsReview');
    expect(partnumbersOf(first)).toEqual(['FILTER-LOW-1', 'FILTER-LOW-2']);
    expect(first.nextCursor).toBe(7);
    const second = await store.listItems(batch.taskId, first.nextCursor, 2, 'needsReview');
    expect(partnumbersOf(second)).toEqual(['FILTER-KNOWN']);
    expect(second.nextCursor).toBeNull();
    expect(await store.listItems(batch.taskId, 3, 2, 'failed')).toEqual({ items: [], nextCursor: null });
  });

  it('cancels a batch while its items are being picked up and finished, without an error, keeping what was done', async () => {
    const store = createTaskStore(handle.db);
    for (let round = 0; round < 6; round++) {
      const items = Array.from({ length: 40 }, (_, i) => ({ partnumber: `RACE-${round}-${i}` }));
      const batch = await store.createBatchTask({ ownerId, items, reclassify: false, known: new Map() });
      // Eight workers take the items in order, as the queue hands them out; the cancel lands among them.
      const pending = [...batch.queued];
      const work = Array.from({ length: 8 }, async () => {
        for (let next = pending.shift(); next; next = pending.shift()) {
          if ((await store.claimItem(next.itemId)).claimed) await store.completeItem(next.itemId, outcome);
        }
      });
      const cancelled = (async () => {
        await new Promise((resolve) => setTimeout(resolve, round * 4));
        return store.cancelTask(batch.taskId);
      })();
      await Promise.all([...work, cancelled]);

      const outcomeOfCancel = await cancelled;
      const task = await store.getTask(batch.taskId);
      if (outcomeOfCancel?.cancelled) {
        expect(task?.status).toBe('cancelled');
        expect(task?.counts).toMatchObject({ queued: 0, processing: 0, failed: 0 });
        expect(task!.counts.done + task!.counts.cancelled).toBe(40);
        expect(outcomeOfCancel.cancelledItemIds).toHaveLength(task!.counts.cancelled);
      } else {
        expect(task).toMatchObject({ status: 'done', counts: { done: 40 } });
      }
    }
  });

  it('pages task lists newest first by cursor and filters by status', async () => {
    const store = createTaskStore(handle.db);
    const users = createUserStore(handle.db);
    const pager = (await users.insertUser({ email: `pager-${Math.random()}@example.com`, name: null, role: 'user', passwordHash: 'x' }))!.id;
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      created.push((await store.createSingleTask({ part: { partnumber: `PAGE-${i}` }, ownerId: pager, reclassify: false, status: i % 2 ? 'done' : 'queued' })).taskId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTasks({ visibility: { ownerId: pager }, after: cursor ? decodeTaskListCursor(cursor) : null, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
    const done = await store.listTasks({ visibility: { ownerId: pager }, status: 'done', limit: 10 });
    expect(done.items.map((t) => t.partnumber).sort()).toEqual(['PAGE-1', 'PAGE-3']);
  });

  // Concurrent calls share statements (the first goes alone, the ones made meanwhile together): each
  // call must still get its own rows back.
  it('gives a task the id its caller chose, alone and among tasks recorded at once', async () => {
    const store = createTaskStore(handle.db);
    const chosen = Array.from({ length: 4 }, () => randomUUID());
    const refs = await Promise.all(chosen.map((taskId, index) => store.createSingleTask({ taskId, part: { partnumber: `CHOSEN-${index}` }, ownerId, reclassify: false, status: 'queued' })));
    expect(refs.map((ref) => ref.taskId)).toEqual(chosen);
    for (const [index, ref] of refs.entries()) expect(await store.getItem(ref.itemId)).toMatchObject({ taskId: chosen[index], partnumber: `CHOSEN-${index}` });
  });

  it('records, looks up, claims and completes many single tasks at once, each call answered with its own rows', async () => {
    const store = createTaskStore(handle.db);
    const parts = Array.from({ length: 12 }, (_, index) => `MANY-${index}`);
    const ownerOf = (index: number) => (index % 2 ? ownerId : otherId);
    const notOwnerOf = (index: number) => (index % 2 ? otherId : ownerId);
    const refs = await Promise.all(
      parts.map((partnumber, index) => store.createSingleTask({ part: { partnumber, description: `part ${index}` }, ownerId: ownerOf(index), reclassify: false, status: 'queued' })),
    );
    expect(new Set(refs.map((ref) => ref.taskId)).size).toBe(parts.length);
    for (const [index, ref] of refs.entries()) {
      expect(await store.getItem(ref.itemId)).toMatchObject({ taskId: ref.taskId, partnumber: parts[index], description: `part ${index}`, status: 'queued' });
      expect(await store.getTask(ref.taskId)).toMatchObject({ ownerId: ownerOf(index), status: 'queued' });
    }

    const inFlight = await Promise.all(parts.map((partnumber, index) => store.findInFlightTask(partnumber, ownerOf(index))));
    expect(inFlight.map((task) => task?.taskId)).toEqual(refs.map((ref) => ref.taskId));
    expect(await Promise.all(parts.map((partnumber, index) => store.findInFlightTask(partnumber, notOwnerOf(index))))).toEqual(parts.map(() => null));

    const claims = await Promise.all(refs.map((ref) => store.claimItem(ref.itemId)));
    claims.forEach((claim, index) => expect(claim).toMatchObject({ claimed: true, item: { taskId: refs[index]!.taskId, partnumber: parts[index], status: 'processing' } }));

    // One item is already done when the others complete: it keeps its first classification.
    const earlier = await store.completeSingleItem(refs[5]!.itemId, { ...outcome, ncm: '11111111' });
    const stored = await Promise.all(refs.map((ref, index) => store.completeSingleItem(ref.itemId, { ...outcome, description: `result ${index}`, confidence: index / 20 })));
    stored.forEach((classification, index) => {
      expect(classification).toMatchObject({ partnumber: parts[index], taskId: refs[index]!.taskId });
      if (index !== 5) expect(classification).toMatchObject({ description: `result ${index}`, confidence: expect.closeTo(index / 20, 5) });
    });
    expect(stored[5]).toEqual(earlier);
    for (const ref of refs) expect(await store.getTask(ref.taskId)).toMatchObject({ status: 'done' });

    const known = await Promise.all(parts.map((partnumber, index) => store.knownClassifications(partnumber, { ownerId: ownerOf(index) })));
    expect(known.map((list) => list.map((classification) => classification.id))).toEqual(stored.map((classification) => [classification.id]));
    expect(await Promise.all(parts.map((partnumber, index) => store.knownClassifications(partnumber, { ownerId: notOwnerOf(index) })))).toEqual(parts.map(() => []));
  });

  it('records tasks asked for at once in the order they were asked for, and only one per idempotency key', async () => {
    const store = createTaskStore(handle.db);
    const users = createUserStore(handle.db);
    const asker = (await users.insertUser({ email: `asker-${Math.random()}@example.com`, name: null, role: 'user', passwordHash: 'x' }))!.id;
    const ask = (partnumber: string, idempotencyKey?: string) => store.createSingleTask({ part: { partnumber }, ownerId: asker, reclassify: false, status: 'queued', idempotencyKey });
    const [first, ...rest] = await Promise.allSettled([ask('AT-ONCE-0'), ask('AT-ONCE-1'), ask('AT-ONCE-2', 'same-key'), ask('AT-ONCE-3', 'same-key'), ask('AT-ONCE-4')]);
    const created = [first, ...rest].flatMap((result) => (result.status === 'fulfilled' ? [result.value.taskId] : []));
    expect(created).toHaveLength(4);
    const reused = rest[2]!;
    expect(reused.status).toBe('rejected');
    const error = (reused as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((error as IdempotencyKeyReusedError).existing).toMatchObject({ taskId: created[2], partnumber: 'AT-ONCE-2' });
    const listed = await store.listTasks({ visibility: { ownerId: asker }, limit: 10 });
    expect(listed.items.map((task) => task.partnumber)).toEqual(['AT-ONCE-4', 'AT-ONCE-2', 'AT-ONCE-1', 'AT-ONCE-0']);
  });

  it('answers the users asked for at once each with their own row, and a malformed id fails only its own call', async () => {
    const users = createUserStore(handle.db);
    const [owner, bad, other, missing] = await Promise.allSettled([
      users.getUser(ownerId),
      users.getUser('not-a-uuid'),
      users.getUser(otherId),
      users.getUser('00000000-0000-4000-8000-000000000000'),
    ]);
    expect(owner).toMatchObject({ status: 'fulfilled', value: { id: ownerId, email: 'owner@example.com' } });
    expect(bad.status).toBe('rejected');
    expect(other).toMatchObject({ status: 'fulfilled', value: { id: otherId, email: 'other@example.com' } });
    expect(missing).toEqual({ status: 'fulfilled', value: null });
  });

  it("finishes a batch's items completed at once: each its own classification, the end with exactly one of them", async () => {
    const store = createTaskStore(handle.db);
    const items = Array.from({ length: 10 }, (_, index) => ({ partnumber: `TOGETHER-${index}` }));
    const batch = await store.createBatchTask({ ownerId, items, reclassify: false, known: new Map() });
    const results = await Promise.all(batch.queued.map(({ itemId }, index) => store.completeItem(itemId, { ...outcome, description: `result ${index}` })));
    results.forEach(({ classification }, index) => expect(classification).toMatchObject({ partnumber: `TOGETHER-${index}`, description: `result ${index}`, taskId: batch.taskId }));
    expect(results.map(({ ending }) => ending).filter(Boolean)).toEqual([{ status: 'done', counts: expect.objectContaining({ done: 10, total: 10 }) }]);
    expect(await store.getTask(batch.taskId)).toMatchObject({ status: 'done', counts: { done: 10 } });
  });

  it('stores one classification for an item completed twice at once, and fails only the call whose item is gone', async () => {
    const store = createTaskStore(handle.db);
    const batch = await store.createBatchTask({ ownerId, items: [{ partnumber: 'TWICE-AT-ONCE-1' }, { partnumber: 'TWICE-AT-ONCE-2' }], reclassify: false, known: new Map() });
    const [first, second] = batch.queued;
    const gone = await store.createBatchTask({ ownerId, items: [{ partnumber: 'GONE-1' }], reclassify: false, known: new Map() });
    await store.deleteTask(gone.taskId);
    const [opening, repeated, again, missing, last] = await Promise.allSettled([
      store.completeItem(first!.itemId, outcome),
      store.completeItem(second!.itemId, { ...outcome, ncm: '22222222' }),
      store.completeItem(second!.itemId, { ...outcome, ncm: '33333333' }),
      store.completeItem(gone.queued[0]!.itemId, outcome),
      store.completeItem(first!.itemId, { ...outcome, ncm: '44444444' }),
    ]);
    expect(opening).toMatchObject({ status: 'fulfilled', value: { classification: { ncm: '85423190' } } });
    expect(repeated).toMatchObject({ status: 'fulfilled', value: { classification: { ncm: '22222222' } } });
    expect(again).toMatchObject({ status: 'fulfilled', value: { classification: { ncm: '22222222' }, ending: null } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('does not exist') } });
    expect(last).toMatchObject({ status: 'fulfilled', value: { classification: { ncm: '85423190' }, ending: null } });
    expect(await store.getTask(batch.taskId)).toMatchObject({ status: 'done', counts: { done: 2 } });
    expect((await store.classificationOfItem(first!.itemId))?.ncm).toBe('85423190');
    expect((await store.classificationOfItem(second!.itemId))?.ncm).toBe('22222222');
  });

  /**
   * A 400-item batch whose items a worker picks up at once — the first alone, the rest in shared
   * statements of up to 100 items, each locking its items in id order — while `act` lands among them.
   */
  async function raceWithPickups<T>(label: string, act: (store: ReturnType<typeof createTaskStore>, taskId: string) => Promise<T>) {
    const store = createTaskStore(handle.db);
    const items = Array.from({ length: 400 }, (_, index) => ({ partnumber: `${label}-${index}` }));
    const batch = await store.createBatchTask({ ownerId, items, reclassify: false, known: new Map() });
    const [first, ...rest] = batch.queued.map(({ itemId }) => store.claimItem(itemId));
    await first;
    const [claims, acted] = await Promise.all([Promise.all([first!, ...rest]), act(store, batch.taskId)]);
    return { store, taskId: batch.taskId, claimed: claims.filter((claim) => claim.claimed).length, acted };
  }

  // Taken in table order, the cancel's items deadlocked with the pickups most of the time; so did a
  // delete that took the task row before the items.
  it('cancels a batch while a worker picks up many of its items at once, without a deadlock', async () => {
    for (let round = 0; round < 4; round++) {
      const { claimed, acted: cancel } = await raceWithPickups(`CANCEL-RACE-${round}`, (store, taskId) => store.cancelTask(taskId));
      expect(cancel).toMatchObject({ cancelled: true, status: 'cancelled' });
      expect(cancel!.cancelledItemIds).toHaveLength(400 - claimed);
    }
  });

  it('deletes a batch while a worker picks up many of its items at once, without a deadlock', async () => {
    for (let round = 0; round < 4; round++) {
      const { store, taskId } = await raceWithPickups(`DELETE-RACE-${round}`, (store, taskId) => store.deleteTask(taskId));
      expect(await store.getTask(taskId)).toBeNull();
    }
  });
});
