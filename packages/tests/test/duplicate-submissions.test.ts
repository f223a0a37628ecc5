import { tables } from '@nexa/db';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { collect, gatedClassifier, selectiveClassifier, startTestNexa } from '../src/index';

describe('duplicate submissions', () => {
  it('with the same idempotency key create one task, even when they race', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const key = 'erp-order-4711-line-1';
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.classification.submit.mutate({ partnumber: 'IDEM-1', idempotencyKey: key })),
    );
    expect(new Set(answers.map((a) => a.taskId)).size).toBe(1);
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(1);

    const events = await collect(client.watch(answers[0]!.taskId));
    expect(events.at(-1)?.event.type).toBe('result');
    const later = await client.classification.submit.mutate({ partnumber: 'idem-1', idempotencyKey: key });
    expect(later.taskId).toBe(answers[0]!.taskId);
    expect(later.status).toBe('done');
    expect(await nexa.database.db.select().from(tables.classifications)).toHaveLength(1);
  });

  it('reusing a key for another partnumber is a CONFLICT and writes nothing', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await client.classification.submit.mutate({ partnumber: 'IDEM-2', idempotencyKey: 'key-for-idem-2' });
    const error = await client.classification.submit.mutate({ partnumber: 'OTHER-2', idempotencyKey: 'key-for-idem-2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<any>).data?.code).toBe('CONFLICT');
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(1);
  });

  it('of a partnumber whose job is still running share that task', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const client = nexa.client();
    const first = await client.classification.submit.mutate({ partnumber: 'INFLIGHT-1' });
    await gated.atGate;
    const second = await client.classification.submit.mutate({ partnumber: 'inflight-1' });
    expect(second.taskId).toBe(first.taskId);
    expect(second.status).toBe('processing');
    gated.open();
    await collect(client.watch(first.taskId));
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(1);
  });

  it('of one partnumber arriving together, without a key, make one task they all follow; one classification is stored', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const client = nexa.client();
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.classification.submit.mutate({ partnumber: 'TOGETHER-1' })));
    expect(new Set(answers.map((answer) => answer.taskId)).size).toBe(1);
    gated.open();
    expect((await collect(client.watch(answers[0]!.taskId))).at(-1)?.event.type).toBe('result');
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(1);
    expect(await nexa.database.db.select().from(tables.classifications)).toHaveLength(1);

    // Once its task ended, the partnumber is answered from history: a new task, done at once.
    expect((await client.classification.submit.mutate({ partnumber: 'TOGETHER-1' })).status).toBe('done');
  });

  it('of a partnumber whose last task failed or was cancelled make a new task', async () => {
    const selective = selectiveClassifier((partnumber) => partnumber === 'ENDED-FAILED');
    await using nexa = await startTestNexa({ classifier: selective.classifier, env: { JOB_ATTEMPTS: '1' } });
    const client = nexa.client();
    const failed = await client.classification.submit.mutate({ partnumber: 'ENDED-FAILED' });
    expect((await collect(client.watch(failed.taskId))).at(-1)?.event.type).toBe('failed');
    const again = await client.classification.submit.mutate({ partnumber: 'ENDED-FAILED' });
    expect(again.taskId).not.toBe(failed.taskId);
    expect(again.status).toBe('queued');
    await collect(client.watch(again.taskId));

    const ended = await nexa.database.db.select({ status: tables.tasks.status, joinable: tables.tasks.joinablePartnumber }).from(tables.tasks);
    expect(ended).toEqual([
      { status: 'failed', joinable: null },
      { status: 'failed', joinable: null },
    ]);
  });
});
