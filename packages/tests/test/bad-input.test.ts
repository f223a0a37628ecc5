import { tables } from '@nexa/db';
import { describe, expect, it } from 'vitest';
import { collect, errorOf, startTestNexa } from '../src/index';

describe('bad input', () => {
  it('gets a typed BAD_REQUEST naming the field, and writes nothing', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const submit = client.classification.submit.mutate as (input: unknown) => Promise<unknown>;

    const cases: Array<[unknown, string]> = [
      [{ partnumber: '' }, 'partnumber'],
      [{ partnumber: '  ab  ' }, 'partnumber'],
      [{ partnumber: 'X'.repeat(65) }, 'partnumber'],
      [{ partnumber: 12345 }, 'partnumber'],
      [{}, 'partnumber'],
      [{ partnumber: 'ABC-1', description: 42 }, 'description'],
      [{ partnumber: 'ABC-1', manufacturer: 'M'.repeat(201) }, 'manufacturer'],
      [{ partnumber: 'ABC-1', reclassify: 'yes' }, 'reclassify'],
      [{ partnumber: 'ABC-1', desc: 'a misspelt field is not dropped unnoticed' }, 'Unrecognized key: "desc"'],
      [null, 'input'],
    ];
    for (const [input, field] of cases) {
      const error = await errorOf(submit(input));
      expect(error.data?.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(error.message).toContain(field);
      expect(error.data?.httpStatus).toBe(400);
    }
    const batch = await errorOf(client.classification.submitBatch.mutate({ items: [{ partnumber: 'ABC-1', qty: 5 } as never] }));
    expect([batch.data?.code, batch.message]).toEqual(['BAD_REQUEST', 'items.0: Unrecognized key: "qty"']);
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(0);
  });

  it('refuses text holding a NUL character (which PostgreSQL cannot store) with BAD_REQUEST naming the field, over tRPC and REST, and writes nothing', async () => {
    await using nexa = await startTestNexa();
    const anonymous = nexa.client({ token: null });
    const registration = await errorOf(anonymous.auth.register.mutate({ email: 'nul@example.com', password: 'a long password', name: 'a\u0000b' }));
    expect(registration.data?.code).toBe('BAD_REQUEST');
    expect(registration.message).toBe('name: text must not contain the NUL character (U+0000)');

    const batch = await errorOf(nexa.client().classification.submitBatch.mutate({ items: [{ partnumber: 'OK-1' }, { partnumber: 'OK-2', description: 'x\u0000' }] }));
    expect(batch.message).toBe('items.1.description: text must not contain the NUL character (U+0000)');
    expect(batch.data?.fieldErrors).toEqual([{ path: 'items.1.description', message: 'text must not contain the NUL character (U+0000)' }]);

    const response = await fetch(`${nexa.nexa.url}/api/classifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${nexa.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ partnumber: 'NUL\u0000-1' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'BAD_REQUEST',
      message: 'partnumber: text must not contain the NUL character (U+0000)',
      fieldErrors: [{ path: 'partnumber', message: 'text must not contain the NUL character (U+0000)' }],
    });
    expect(await nexa.database.db.select().from(tables.tasks)).toHaveLength(0);
    expect(await nexa.database.db.select().from(tables.users)).toHaveLength(1);
  });

  it('answers NOT_FOUND for an unknown task, on queries and subscriptions', async () => {
    await using nexa = await startTestNexa();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const query = await errorOf(nexa.client().task.get.query({ taskId: unknown }));
    expect(query.data?.code).toBe('NOT_FOUND');
    for (const transport of ['ws', 'sse'] as const) {
      const subscription = await errorOf(collect(nexa.client(transport).watch(unknown)));
      expect(subscription.data?.code ?? subscription.message).toMatch(/NOT_FOUND|not found/);
    }
  });

  it('rejects a malformed task id or lastEventId with BAD_REQUEST', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    expect((await errorOf(client.task.get.query({ taskId: 'not-a-uuid' }))).data?.code).toBe('BAD_REQUEST');
    const { taskId } = await client.classification.submit.mutate({ partnumber: 'GOOD-1' });
    const error = await errorOf(collect(client.watch(taskId, { lastEventId: 'yesterday' })));
    expect(error.message).toContain('lastEventId');
  });
});
