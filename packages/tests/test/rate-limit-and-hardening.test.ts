import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, startTestNexa } from '../src/index';

/** Limits count per fixed window; start the test well inside one so it cannot straddle two. */
async function atStartOfWindow(windowMs = 60_000) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('submission rate limit', () => {
  it('answers TOO_MANY_REQUESTS past SUBMIT_RATE_LIMIT_PER_MINUTE, per user and per API key', async () => {
    await using nexa = await startTestNexa({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '3' } });
    await atStartOfWindow();
    const client = nexa.client();
    for (let i = 0; i < 3; i += 1) await client.classification.submit.mutate({ partnumber: `RATE-${i}` });
    const error = await codeOf(client.classification.submit.mutate({ partnumber: 'RATE-X' }));
    expect(error).toBe('TOO_MANY_REQUESTS');
    // Over HTTP, tRPC and REST alike say how long to wait in Retry-After (seconds left in the minute).
    const headers = { authorization: `Bearer ${nexa.token}`, 'content-type': 'application/json' };
    for (const [path, body] of [['/trpc/classification.submit', '{"partnumber":"RATE-Y"}'], ['/api/classifications', '{"partnumber":"RATE-Y"}']] as const) {
      const refused = await fetch(`${nexa.nexa.url}${path}`, { method: 'POST', headers, body });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }

    // Another user, and an API key, each have their own budget.
    const other = await nexa.createUser();
    await other.client().classification.submit.mutate({ partnumber: 'RATE-OTHER' });
    const { key } = await client.apiKeys.create.mutate({ name: 'integration' });
    const viaKey = nexa.client({ token: key });
    for (let i = 0; i < 3; i += 1) await viaKey.classification.submit.mutate({ partnumber: `RATE-KEY-${i}` });
    expect(await codeOf(viaKey.classification.submit.mutate({ partnumber: 'RATE-KEY-X' }))).toBe('TOO_MANY_REQUESTS');
    // Refused submissions record nothing, and reading is not limited: 3 by token + 3 by key.
    expect((await client.task.list.query({ limit: 10 })).items).toHaveLength(6);
  });
});

describe('batch rate limits', () => {
  it('count a batch as one submission and its distinct items against BATCH_ITEM_RATE_LIMIT_PER_MINUTE', async () => {
    await using nexa = await startTestNexa({
      env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '3', BATCH_MAX_ITEMS: '5', BATCH_ITEM_RATE_LIMIT_PER_MINUTE: '6' },
    });
    await atStartOfWindow();
    const client = nexa.client();
    const batchOf = (prefix: string, size: number) => ({ items: Array.from({ length: size }, (_, i) => ({ partnumber: `${prefix}-${i}` })) });

    // Duplicates are collapsed before counting: 4 distinct items of 6 allowed.
    expect(await client.classification.submitBatch.mutate({ items: [...batchOf('ITEMS-A', 4).items, { partnumber: 'ITEMS-A-0' }] })).toMatchObject({ total: 4 });
    const tooMany = await errorOf(client.classification.submitBatch.mutate(batchOf('ITEMS-B', 3)));
    expect(tooMany.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(tooMany.message).toContain('too many batch items');
    // The refused batch took nothing from the item budget: 2 more still fit.
    expect(await client.classification.submitBatch.mutate(batchOf('ITEMS-C', 2))).toMatchObject({ total: 2 });
    // Three submissions so far (two batches accepted, one refused for its items): the next one is over the limit.
    expect(await codeOf(client.classification.submit.mutate({ partnumber: 'ITEMS-SINGLE' }))).toBe('TOO_MANY_REQUESTS');

    // An API key has budgets of its own.
    const { key } = await client.apiKeys.create.mutate({ name: 'erp' });
    expect(await nexa.client({ token: key }).classification.submitBatch.mutate(batchOf('ITEMS-KEY', 5))).toMatchObject({ total: 5 });
    expect((await client.task.list.query({ limit: 10 })).items).toHaveLength(3);
  });
});

describe('sign-in limits', () => {
  const FIFTEEN_MINUTES = 15 * 60_000;
  const login = (nexa: Awaited<ReturnType<typeof startTestNexa>>, email: string, password: string) =>
    nexa.client({ token: null, transport: 'sse' }).auth.login.mutate({ email, password });

  it('refuses sign-in for an email after LOGIN_ATTEMPTS_PER_EMAIL attempts, even with the right password, and only for that email', async () => {
    await using nexa = await startTestNexa({ env: { LOGIN_ATTEMPTS_PER_EMAIL: '3' } });
    await atStartOfWindow(FIFTEEN_MINUTES);
    const victim = await nexa.createUser(); // one attempt: its sign-in
    expect(await codeOf(login(nexa, victim.email, 'wrong-password-1'))).toBe('UNAUTHORIZED');
    expect(await codeOf(login(nexa, victim.email.toUpperCase(), 'wrong-password-2'))).toBe('UNAUTHORIZED');
    const refused = await errorOf(login(nexa, victim.email, victim.password));
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/too many sign-in attempts for this account; try again in \d+ s/);

    const other = await nexa.createUser();
    expect((await login(nexa, other.email, other.password)).accessToken).toEqual(expect.any(String));
    // Tokens already issued keep working.
    expect((await victim.client('sse').auth.me.query()).email).toBe(victim.email);
  });

  it('refuses sign-in and registration from one address past AUTH_ATTEMPTS_PER_ADDRESS', async () => {
    await using nexa = await startTestNexa({ env: { AUTH_ATTEMPTS_PER_ADDRESS: '4' } });
    await atStartOfWindow(FIFTEEN_MINUTES);
    const anonymous = nexa.client({ token: null, transport: 'sse' });
    // The test user's sign-in was the first attempt from this address.
    await anonymous.auth.register.mutate({ email: 'spray-1@test.nexa.example', password: 'a-long-password-1' });
    expect(await codeOf(login(nexa, 'nobody-1@test.nexa.example', 'guess-password'))).toBe('UNAUTHORIZED');
    expect(await codeOf(login(nexa, 'nobody-2@test.nexa.example', 'guess-password'))).toBe('UNAUTHORIZED');
    expect(await codeOf(login(nexa, 'nobody-3@test.nexa.example', 'guess-password'))).toBe('TOO_MANY_REQUESTS');
    expect(await codeOf(anonymous.auth.register.mutate({ email: 'spray-2@test.nexa.example', password: 'a-long-password-2' }))).toBe('TOO_MANY_REQUESTS');
    expect(await codeOf(login(nexa, 'spray-1@test.nexa.example', 'a-long-password-1'))).toBe('TOO_MANY_REQUESTS');
  });
});

describe('client addresses behind a proxy', () => {
  const loginFrom = async (url: string, forwardedFor: string) => {
    const response = await fetch(`${url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: 'nobody@test.nexa.example', password: 'guess-password' }),
    });
    return response.status;
  };

  it('counts per forwarded client address when TRUST_PROXY names the proxy', async () => {
    await using nexa = await startTestNexa({ env: { AUTH_ATTEMPTS_PER_ADDRESS: '2', TRUST_PROXY: '127.0.0.1' } });
    await atStartOfWindow(15 * 60_000);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.7')).toBe(401);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.7')).toBe(401);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.7')).toBe(429);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.8')).toBe(401);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so a client cannot pose as many', async () => {
    await using nexa = await startTestNexa({ env: { AUTH_ATTEMPTS_PER_ADDRESS: '3' } });
    await atStartOfWindow(15 * 60_000);
    // The test user's sign-in was the first attempt from this address.
    expect(await loginFrom(nexa.nexa.url, '203.0.113.7')).toBe(401);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.8')).toBe(401);
    expect(await loginFrom(nexa.nexa.url, '203.0.113.9')).toBe(429);
  });
});

describe('HTTP hardening', () => {
  it('refuses bodies over BODY_LIMIT_BYTES with 413', async () => {
    await using nexa = await startTestNexa({ env: { BODY_LIMIT_BYTES: '2048' } });
    const response = await fetch(`${nexa.nexa.url}/trpc/classification.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}` },
      body: JSON.stringify({ partnumber: 'BIG-1', description: 'x'.repeat(4000) }),
    });
    expect(response.status).toBe(413);

    // A body without a declared length is counted as it arrives.
    const chunks = [JSON.stringify({ partnumber: 'BIG-2', description: 'x'.repeat(4000) })];
    const streamed = await fetch(`${nexa.nexa.url}/trpc/classification.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}` },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(new TextEncoder().encode(chunk));
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await nexa.client().task.list.query()).items).toEqual([]);
  });

  it('lets a batch submission, over tRPC or POST /api/batches, be as large as UPLOAD_MAX_BYTES', async () => {
    await using nexa = await startTestNexa({ env: { BODY_LIMIT_BYTES: '2048', UPLOAD_MAX_BYTES: '65536' } });
    const items = Array.from({ length: 50 }, (_, i) => ({ partnumber: `LARGE-${i}`, description: 'rolamento de esferas 6205-2RS' }));
    expect(JSON.stringify({ items }).length).toBeGreaterThan(2048);
    expect(await nexa.client().classification.submitBatch.mutate({ items })).toMatchObject({ total: 50 });
    const overRest = await fetch(`${nexa.nexa.url}/api/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}` },
      body: JSON.stringify({ items: items.map((item) => ({ ...item, partnumber: `REST-${item.partnumber}` })) }),
    });
    expect(overRest.status).toBe(202);
    expect(await overRest.json()).toMatchObject({ total: 50 });
    const tooLarge = Array.from({ length: 1200 }, (_, i) => ({ partnumber: `HUGE-${i}`, description: 'rolamento de esferas 6205-2RS' }));
    const response = await fetch(`${nexa.nexa.url}/trpc/classification.submitBatch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}` },
      body: JSON.stringify({ items: tooLarge }),
    });
    expect(response.status).toBe(413);
  });

  it('sends security headers and allows only the configured origins', async () => {
    await using nexa = await startTestNexa({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    const preflight = (origin: string) =>
      fetch(`${nexa.nexa.url}/trpc/task.list`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // REST clients in the browser delete tasks too.
    const deletion = await fetch(`${nexa.nexa.url}/api/tasks/00000000-0000-4000-8000-000000000000`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
    });
    expect(deletion.headers.get('access-control-allow-methods')).toContain('DELETE');

    const health = await fetch(`${nexa.nexa.url}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(health.headers.get('strict-transport-security')).toContain('max-age');
  });
});
