import { createAccessTokens, generateSecret } from '@nexa/auth';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, startTestNexa, type TestNexa } from '../src/index';

async function refusedEverywhere(nexa: TestNexa, token: string, taskId: string) {
  expect(await codeOf(nexa.client({ token }).task.get.query({ taskId })), 'HTTP').toBe('UNAUTHORIZED');
  for (const transport of ['ws', 'sse'] as const) {
    expect(await codeOf(collect(nexa.client({ transport, token }).watch(taskId))), transport).toMatch(/UNAUTHORIZED/);
  }
}

describe('credentials that must be refused on HTTP, WebSocket and SSE', () => {
  it('an expired access token', async () => {
    await using nexa = await startTestNexa();
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'CRED-1' });
    const expired = await createAccessTokens({ secret: nexa.config.JWT_SECRET!, ttlSeconds: -60 }).issue({ userId: nexa.user.id, role: 'user' });
    await refusedEverywhere(nexa, expired.accessToken, taskId);
  });

  it('a token signed with another secret, a tampered one, and garbage', async () => {
    await using nexa = await startTestNexa();
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'CRED-2' });
    const forged = await createAccessTokens({ secret: generateSecret(), ttlSeconds: 600 }).issue({ userId: nexa.user.id, role: 'admin' });
    await refusedEverywhere(nexa, forged.accessToken, taskId);

    // Same signature, payload rewritten to claim admin.
    const [header, payload, signature] = nexa.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${signature}`;
    await refusedEverywhere(nexa, tampered, taskId);

    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await refusedEverywhere(nexa, unsigned, taskId);
    await refusedEverywhere(nexa, 'not-a-token', taskId);
  });

  it('an API key works until it is revoked, then is refused everywhere', async () => {
    await using nexa = await startTestNexa();
    const owner = nexa.client();
    const created = await owner.apiKeys.create.mutate({ name: 'ci' });
    expect(created.key).toMatch(/^nexa_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const viaKey = nexa.client({ token: created.key });
    const { taskId } = await viaKey.classification.submit.mutate({ partnumber: 'KEY-1' });
    expect((await collect(nexa.client({ transport: 'sse', token: created.key }).watch(taskId))).at(-1)?.event.type).toBe('result');
    expect((await viaKey.auth.me.query()).id).toBe(nexa.user.id);

    const listed = await owner.apiKeys.list.query();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: created.id, name: 'ci', revokedAt: null });
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.key);

    await owner.apiKeys.revoke.mutate({ id: created.id });
    await refusedEverywhere(nexa, created.key, taskId);
    expect((await owner.apiKeys.list.query())[0]!.revokedAt).not.toBeNull();
    expect(await codeOf(owner.apiKeys.revoke.mutate({ id: created.id }))).toBe('NOT_FOUND');
    await refusedEverywhere(nexa, `${created.key.slice(0, -2)}xx`, taskId);
  });

  it("a user cannot revoke someone else's API key", async () => {
    await using nexa = await startTestNexa();
    const key = await nexa.client().apiKeys.create.mutate({ name: 'mine' });
    const other = await nexa.createUser();
    expect(await codeOf(other.client().apiKeys.revoke.mutate({ id: key.id }))).toBe('NOT_FOUND');
    expect(await other.client().apiKeys.list.query()).toEqual([]);
    expect((await nexa.client({ token: key.key }).auth.me.query()).id).toBe(nexa.user.id);
  });
});
