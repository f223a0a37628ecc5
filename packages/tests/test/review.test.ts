import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tables } from '@nexa/db';
import { createApprovedMemoryStream, redisNames } from '@nexa/queue';
import { firstEdition, secondEdition, waitFor } from '@nexa/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, errorOf, startTestNexa } from '../src/index';

async function classified(client: ReturnType<Awaited<ReturnType<typeof startTestNexa>>['client']>, partnumber: string) {
  const events = await collect(client.classify({ partnumber, description: 'circuito integrado' }));
  const last = events.at(-1)!.event;
  if (last.type !== 'result') throw new Error(`expected a result, got ${last.type}`);
  return last.classification;
}

describe('classification.review', () => {
  it('approves, rejects and overrides, recording each change in the audit trail', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const first = await classified(client, 'REVIEW-1');

    const approved = await client.classification.review.mutate({ id: first.id, action: 'approve', note: 'checked the datasheet' });
    expect(approved.classification).toMatchObject({ id: first.id, status: 'APPROVED' });
    expect(approved.audit).toMatchObject({ action: 'approve', actorId: nexa.user.id, oldStatus: 'ACTIVE', newStatus: 'APPROVED', oldNcm: first.ncm, newNcm: first.ncm, engine: first.engine, tableVersion: null, note: 'checked the datasheet' });

    const rejected = await client.classification.review.mutate({ id: first.id, action: 'reject' });
    expect(rejected.classification.status).toBe('REJECTED');

    const overridden = await client.classification.review.mutate({ id: first.id, action: 'override', ncm: '85423990', note: 'memory, not logic' });
    expect(overridden.replaced).toMatchObject({ id: first.id, status: 'REPLACED' });
    expect(overridden.classification).toMatchObject({ ncm: '85423990', status: 'APPROVED', engine: 'manual', partnumber: 'REVIEW-1' });
    expect(overridden.audit).toMatchObject({ action: 'override', oldStatus: 'REJECTED', newStatus: 'APPROVED', oldNcm: first.ncm, newNcm: '85423990', newClassificationId: overridden.classification.id });

    // A replaced classification is history: it cannot be reviewed again.
    expect(await codeOf(client.classification.review.mutate({ id: first.id, action: 'approve' }))).toBe('CONFLICT');

    const history = await client.partnumber.get.query({ partnumber: 'review-1' });
    expect(history.classifications.map((c) => [c.ncm, c.status])).toEqual([['85423990', 'APPROVED'], [first.ncm, 'REPLACED']]);
    expect(history.audit.map((entry) => entry.action)).toEqual(['override', 'reject', 'approve']);
    expect(await nexa.database.db.select().from(tables.auditLog)).toHaveLength(3);

    // The next submission of the partnumber is answered at once by the approved classification.
    const again = await client.classification.submit.mutate({ partnumber: 'REVIEW-1' });
    expect(again.status).toBe('done');
    expect(again.classifications[0]).toMatchObject({ id: overridden.classification.id, status: 'APPROVED' });

    // An ordinary account's approvals answer its own history only: they do not teach the memory every account is answered from.
    const memory = createApprovedMemoryStream(nexa.redis.connect(), redisNames(nexa.redis.prefix));
    expect((await memory.read(null)).filter(({ entry }) => !('withdrawn' in entry))).toEqual([]);
  });

  it('dates each audit entry when its review took effect, so that the trail reads in the order reviews of one classification happened', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const first = await classified(client, 'AUDIT-ORDER');
    let released = 0;
    let review: Promise<Awaited<ReturnType<typeof client.classification.review.mutate>>> | undefined;
    // Another reviewer holds the classification: this review begins now and waits for the row.
    await nexa.database.db.transaction(async (tx) => {
      await tx.select().from(tables.classifications).where(eq(tables.classifications.id, first.id)).for('update');
      review = client.classification.review.mutate({ id: first.id, action: 'approve' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      released = Date.now();
    });
    const { audit } = await review!;
    expect(Date.parse(audit.at)).toBeGreaterThanOrEqual(released - 5);
  });

  it('hands approvals to the memory classifiers learn from when an admin makes them (or anyone, with MEMORY_LEARNS_FROM=everyone)', async () => {
    await using nexa = await startTestNexa();
    const first = await classified(nexa.client(), 'MEMORY-1');
    const admin = (await nexa.createUser({ role: 'admin' })).client();
    await admin.classification.review.mutate({ id: first.id, action: 'approve' });
    const overridden = await admin.classification.review.mutate({ id: first.id, action: 'override', ncm: '85423990' });
    const memory = createApprovedMemoryStream(nexa.redis.connect(), redisNames(nexa.redis.prefix));
    // The override replaces the approved classification: it is withdrawn, and the new one learned.
    expect((await memory.read(null)).map(({ entry }) => entry)).toEqual([
      { classificationId: first.id, partnumber: 'MEMORY-1', ncm: first.ncm, description: first.description },
      { withdrawn: { classificationId: first.id, partnumber: 'MEMORY-1', ncm: first.ncm } },
      { classificationId: overridden.classification.id, partnumber: 'MEMORY-1', ncm: '85423990', description: first.description },
    ]);

    await using team = await startTestNexa({ env: { MEMORY_LEARNS_FROM: 'everyone' } });
    const own = await classified(team.client(), 'MEMORY-2');
    await team.client().classification.review.mutate({ id: own.id, action: 'approve' });
    const teamMemory = createApprovedMemoryStream(team.redis.connect(), redisNames(team.redis.prefix));
    const learned = { classificationId: own.id, partnumber: 'MEMORY-2', ncm: own.ncm, description: own.description };
    expect((await teamMemory.read(null)).map(({ entry }) => entry)).toEqual([learned]);
    // And a refill after Redis lost its data restores it too.
    await team.redis.connect().del(redisNames(team.redis.prefix).approvedMemory);
    await team.startSecondServer();
    expect(await waitFor(async () => (await teamMemory.read(null)).at(0)?.entry)).toEqual(learned);
  });

  it('refills an empty memory from the approved classifications when a server starts (Redis lost its data), admins\' approvals only', async () => {
    await using nexa = await startTestNexa();
    const byAdmin = await classified(nexa.client(), 'RESTORE-1');
    const overridden = await (await nexa.createUser({ role: 'admin' })).client().classification.review.mutate({ id: byAdmin.id, action: 'override', ncm: '85423990' });
    const byOwner = await classified(nexa.client(), 'RESTORE-2');
    await nexa.client().classification.review.mutate({ id: byOwner.id, action: 'approve' });

    const names = redisNames(nexa.redis.prefix);
    const redis = nexa.redis.connect();
    const memory = createApprovedMemoryStream(redis, names);
    expect(await memory.isEmpty()).toBe(false);
    await redis.del(names.approvedMemory);

    await nexa.startSecondServer();
    const restored = await waitFor(async () => {
      const entries = await memory.read(null);
      return entries.length > 0 ? entries : undefined;
    });
    expect(restored.map(({ entry }) => entry)).toEqual([{ classificationId: overridden.classification.id, partnumber: 'RESTORE-1', ncm: '85423990', description: byAdmin.description }]);
    expect(await redis.exists(names.approvedMemoryRestoreLock)).toBe(0);
  });

  it('withdraws an approval from the memory when it is rejected, whoever rejects it, leaving what a refill would restore', async () => {
    await using nexa = await startTestNexa();
    const admin = (await nexa.createUser({ role: 'admin' })).client();
    const owner = nexa.client();
    const earlier = await classified(owner, 'WITHDRAW-1');
    await admin.classification.review.mutate({ id: earlier.id, action: 'approve' });
    const other = await classified((await nexa.createUser()).client(), 'WITHDRAW-1');
    const overridden = await admin.classification.review.mutate({ id: other.id, action: 'override', ncm: '85044010' });
    await admin.classification.review.mutate({ id: overridden.classification.id, action: 'reject' });
    // An owner's approval never taught the memory; rejecting it withdraws nothing the memory holds.
    const own = await classified(owner, 'WITHDRAW-2');
    await owner.classification.review.mutate({ id: own.id, action: 'approve' });
    await owner.classification.review.mutate({ id: own.id, action: 'reject' });

    const names = redisNames(nexa.redis.prefix);
    const redis = nexa.redis.connect();
    const memory = createApprovedMemoryStream(redis, names);
    expect((await memory.read(null)).map(({ entry }) => entry)).toEqual([
      { classificationId: earlier.id, partnumber: 'WITHDRAW-1', ncm: earlier.ncm, description: earlier.description },
      { classificationId: overridden.classification.id, partnumber: 'WITHDRAW-1', ncm: '85044010', description: other.description },
      { withdrawn: { classificationId: overridden.classification.id, partnumber: 'WITHDRAW-1', ncm: '85044010' } },
      { withdrawn: { classificationId: own.id, partnumber: 'WITHDRAW-2', ncm: own.ncm } },
    ]);

    // What the stream leaves remembered is what a refill restores: the earlier approval, still APPROVED.
    await redis.del(names.approvedMemory);
    await nexa.startSecondServer();
    const restored = await waitFor(async () => {
      const entries = await memory.read(null);
      return entries.length > 0 ? entries : undefined;
    });
    expect(restored.map(({ entry }) => entry)).toEqual([{ classificationId: earlier.id, partnumber: 'WITHDRAW-1', ncm: earlier.ncm, description: earlier.description }]);
  });

  it('refuses bad input and keeps the approved classification when its task is deleted', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const first = await classified(client, 'REVIEW-2');
    const review = client.classification.review.mutate as (input: unknown) => Promise<unknown>;
    expect(await codeOf(review({ id: first.id, action: 'override' }))).toBe('BAD_REQUEST');
    expect(await codeOf(review({ id: first.id, action: 'override', ncm: '1234' }))).toBe('BAD_REQUEST');
    expect(await codeOf(review({ id: first.id, action: 'bless' }))).toBe('BAD_REQUEST');
    expect(await codeOf(review({ id: '00000000-0000-4000-8000-000000000000', action: 'approve' }))).toBe('NOT_FOUND');
    expect(await nexa.database.db.select().from(tables.auditLog)).toEqual([]);

    await client.classification.review.mutate({ id: first.id, action: 'approve' });
    await client.task.delete.mutate({ taskId: first.taskId! });
    const history = await client.partnumber.get.query({ partnumber: 'REVIEW-2' });
    expect(history.classifications).toEqual([expect.objectContaining({ id: first.id, status: 'APPROVED', taskId: null })]);
    expect(history.audit).toHaveLength(1);
  });

  it('overrides only with a code the NCM table has in force, and writes nothing otherwise', async () => {
    await using nexa = await startTestNexa();
    const dir = await mkdtemp(path.join(tmpdir(), 'nexa-review-ncm-'));
    try {
      const admin = await nexa.createUser({ role: 'admin' });
      for (const [name, edition] of [['first.json', firstEdition], ['second.json', secondEdition]] as const) {
        await writeFile(path.join(dir, name), JSON.stringify(edition));
        await admin.client().ncm.import.mutate({ source: path.join(dir, name) });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const client = nexa.client();
    const first = await classified(client, 'REVIEW-NCM');
    const override = (ncm: string) => client.classification.review.mutate({ id: first.id, action: 'override', ncm });

    const unknown = await errorOf(override('99999999'));
    expect(unknown).toMatchObject({ data: { code: 'BAD_REQUEST' }, message: 'ncm 9999.99.99 is not in the NCM table' });
    // 8482.20.00 was in the first edition and left out of the second.
    const removed = await errorOf(override('84822000'));
    expect(removed).toMatchObject({ data: { code: 'BAD_REQUEST' }, message: 'ncm 8482.20.00 is no longer in force' });
    expect(await nexa.database.db.select().from(tables.auditLog)).toEqual([]);
    expect((await client.partnumber.get.query({ partnumber: 'REVIEW-NCM' })).classifications).toEqual([expect.objectContaining({ id: first.id, status: 'ACTIVE' })]);

    const overridden = await override('84821010');
    expect(overridden.classification).toMatchObject({ ncm: '84821010', status: 'APPROVED' });
  });

  it("is owner-scoped: another user's classification and history are invisible; an admin sees and reviews them", async () => {
    await using nexa = await startTestNexa();
    const first = await classified(nexa.client(), 'REVIEW-3');
    const bob = await nexa.createUser();
    expect(await codeOf(bob.client().classification.review.mutate({ id: first.id, action: 'approve' }))).toBe('NOT_FOUND');
    expect(await bob.client().partnumber.get.query({ partnumber: 'REVIEW-3' })).toEqual({ partnumber: 'REVIEW-3', classifications: [], audit: [] });

    const admin = await nexa.createUser({ role: 'admin' });
    const reviewed = await admin.client().classification.review.mutate({ id: first.id, action: 'reject', note: 'wrong chapter' });
    expect(reviewed.audit.actorId).toBe(admin.user.id);
    const own = await nexa.client().partnumber.get.query({ partnumber: 'REVIEW-3' });
    expect(own.audit).toEqual([expect.objectContaining({ action: 'reject', actorId: admin.user.id, note: 'wrong chapter' })]);
  });
});
