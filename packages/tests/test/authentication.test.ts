import { bootstrapAdmin, createAccessTokens } from '@nexa/auth';
import { createUserStore, tables } from '@nexa/db';
import { eq } from 'drizzle-orm';
import { appRouter } from '@nexa/router';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, errorOf, startTestNexa } from '../src/index';

const PUBLIC = new Set(['auth.login', 'auth.register']);

describe('accounts', () => {
  it('registers, logs in and answers me; the email is unique case-insensitively', async () => {
    await using nexa = await startTestNexa();
    const anonymous = nexa.client({ token: null });
    const registered = await anonymous.auth.register.mutate({ email: 'Ana@Example.com', password: 'correct horse battery', name: 'Ana' });
    expect(registered.user).toMatchObject({ email: 'ana@example.com', name: 'Ana', role: 'user' });
    expect(Date.parse(registered.expiresAt)).toBeGreaterThan(Date.now());

    const session = await anonymous.auth.login.mutate({ email: 'ANA@example.com', password: 'correct horse battery' });
    const me = await nexa.client({ token: session.accessToken }).auth.me.query();
    expect(me).toEqual(registered.user);

    expect((await errorOf(anonymous.auth.register.mutate({ email: 'ana@EXAMPLE.com', password: 'another password' }))).data?.code).toBe('CONFLICT');
    const wrong = await errorOf(anonymous.auth.login.mutate({ email: 'ana@example.com', password: 'wrong password' }));
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
    expect((await errorOf(anonymous.auth.login.mutate({ email: 'nobody@example.com', password: 'wrong password' }))).message).toBe(wrong.message);
  });

  it('never creates an admin by self-registration: a role field is refused', async () => {
    await using nexa = await startTestNexa();
    const register = nexa.client({ token: null }).auth.register.mutate as (input: unknown) => Promise<unknown>;
    const error = await errorOf(register({ email: 'mallory@example.com', password: 'a long password', role: 'admin' }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('role');
    const login = errorOf(nexa.client({ token: null }).auth.login.mutate({ email: 'mallory@example.com', password: 'a long password' }));
    expect((await login).data?.code).toBe('UNAUTHORIZED');
  });

  it('answers FORBIDDEN to registration when it is switched off', async () => {
    await using nexa = await startTestNexa({ env: { REGISTRATION_ENABLED: 'false' } });
    const error = await errorOf(nexa.client({ token: null }).auth.register.mutate({ email: 'late@example.com', password: 'a long password' }));
    expect(error.data?.code).toBe('FORBIDDEN');
    // Existing accounts still sign in.
    expect((await nexa.client().auth.me.query()).id).toBe(nexa.user.id);
  });

  it('creates or promotes the admin named by NEXA_ADMIN_EMAIL at start', async () => {
    await using nexa = await startTestNexa({ env: { NEXA_ADMIN_EMAIL: 'root@example.com', NEXA_ADMIN_PASSWORD: 'bootstrap password' } });
    const session = await nexa.client({ token: null }).auth.login.mutate({ email: 'root@example.com', password: 'bootstrap password' });
    expect(session.user.role).toBe('admin');
  });

  it('promotes an existing account to admin only when it signs in with NEXA_ADMIN_PASSWORD', async () => {
    await using nexa = await startTestNexa();
    const users = createUserStore(nexa.database.db);
    const anonymous = nexa.client({ token: null });
    // Someone registers the email the operator will name as admin, before the operator does.
    await anonymous.auth.register.mutate({ email: 'boss@example.com', password: 'squatter password' });
    expect(await bootstrapAdmin(users, { email: 'boss@example.com', password: 'operator password' })).toBe('refused');
    expect((await users.findUserByEmail('boss@example.com'))?.role).toBe('user');

    await anonymous.auth.register.mutate({ email: 'owner@example.com', password: 'operator password' });
    expect(await bootstrapAdmin(users, { email: 'owner@example.com', password: 'operator password' })).toBe('promoted');
    expect((await anonymous.auth.login.mutate({ email: 'owner@example.com', password: 'operator password' })).user.role).toBe('admin');
    expect(await bootstrapAdmin(users, { email: 'owner@example.com', password: 'operator password' })).toBe('unchanged');
  });
});

describe('auth.refresh (sliding session)', () => {
  const expiryOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp as number;

  it('gives a signed-in caller a fresh access token that outlives the one it was asked with', async () => {
    await using nexa = await startTestNexa({ env: { ACCESS_TOKEN_TTL_SECONDS: '3' } });
    const { user, token } = await nexa.createUser();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const renewed = await nexa.client({ token }).auth.refresh.mutate();
    expect(renewed.user.id).toBe(user.id);
    expect(renewed.accessToken).not.toBe(token);
    expect(expiryOf(renewed.accessToken)).toBeGreaterThan(expiryOf(token));
    expect(Date.parse(renewed.expiresAt)).toBe(expiryOf(renewed.accessToken) * 1000);

    // Past the first token's lifetime, the renewed one still works, and refreshes again.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiryOf(token) * 1000 - Date.now()) + 100));
    expect(await codeOf(nexa.client({ token }).auth.me.query())).toBe('UNAUTHORIZED');
    expect((await nexa.client({ token: renewed.accessToken }).auth.me.query()).id).toBe(user.id);
    expect((await nexa.client({ token: renewed.accessToken }).auth.refresh.mutate()).user.id).toBe(user.id);
  });

  it('is refused once SESSION_MAX_SECONDS have passed since the password sign-in, however often it was refreshed', async () => {
    await using nexa = await startTestNexa({ env: { SESSION_MAX_SECONDS: '2' } });
    const { token } = await nexa.createUser();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const renewed = await nexa.client({ token }).auth.refresh.mutate();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Still a valid access token, but its session began more than 2 s ago.
    expect((await nexa.client({ token: renewed.accessToken }).auth.me.query()).id).toBeDefined();
    const refused = await errorOf(nexa.client({ token: renewed.accessToken }).auth.refresh.mutate());
    expect([refused.data?.code, refused.message]).toEqual(['UNAUTHORIZED', 'the session is over: sign in again']);
  });

  it('is refused for an expired token: an ended session stays ended', async () => {
    await using nexa = await startTestNexa();
    const expired = await createAccessTokens({ secret: nexa.config.JWT_SECRET!, ttlSeconds: -60 }).issue({ userId: nexa.user.id, role: 'user' });
    expect(await codeOf(nexa.client({ token: expired.accessToken }).auth.refresh.mutate())).toBe('UNAUTHORIZED');
  });

  it('is refused for an API key, with a clear error, and for a revoked one', async () => {
    await using nexa = await startTestNexa();
    const key = await nexa.client().apiKeys.create.mutate({ name: 'ci' });
    const error = await errorOf(nexa.client({ token: key.key }).auth.refresh.mutate());
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/API key .*cannot be refreshed/);
    await nexa.client().apiKeys.revoke.mutate({ id: key.id });
    expect(await codeOf(nexa.client({ token: key.key }).auth.refresh.mutate())).toBe('UNAUTHORIZED');
  });

  it('is refused once the session is revoked by removing its account, and carries a changed role', async () => {
    await using nexa = await startTestNexa();
    const other = await nexa.createUser();
    await createUserStore(nexa.database.db).setRole(other.user.id, 'admin');
    expect((await nexa.client({ token: other.token }).auth.refresh.mutate()).user.role).toBe('admin');

    await nexa.database.db.delete(tables.users).where(eq(tables.users.id, other.user.id));
    expect(await codeOf(nexa.client({ token: other.token }).auth.refresh.mutate())).toBe('UNAUTHORIZED');
  });
});

describe('without credentials', () => {
  it('every procedure but login and register answers UNAUTHORIZED over HTTP', async () => {
    await using nexa = await startTestNexa();
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
    expect(procedures.length).toBeGreaterThan(10);
    for (const [path, procedure] of procedures) {
      if (PUBLIC.has(path)) continue;
      const url = `${nexa.nexa.url}/trpc/${path}`;
      const response =
        procedure._def.type === 'mutation'
          ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
          : await fetch(`${url}?input=${encodeURIComponent('{}')}`, procedure._def.type === 'subscription' ? { headers: { accept: 'text/event-stream' } } : {});
      const text = await response.text();
      expect(text, path).toContain('UNAUTHORIZED');
      if (procedure._def.type !== 'subscription') expect(response.status, path).toBe(401);
    }
  });

  it('subscriptions answer UNAUTHORIZED over WebSocket and SSE, and health stays open', async () => {
    await using nexa = await startTestNexa();
    const { taskId } = await nexa.client().classification.submit.mutate({ partnumber: 'ANON-1' });
    for (const transport of ['ws', 'sse'] as const) {
      expect(await codeOf(collect(nexa.client({ transport, token: null }).watch(taskId)))).toMatch(/UNAUTHORIZED/);
    }
    expect((await fetch(`${nexa.nexa.url}/healthz`)).status).toBe(200);
  });
});
