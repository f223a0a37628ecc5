import { describe, expect, it } from 'vitest';
import { codeOf, startTestNexa } from '../src/index';

/** The limit counts per minute window; start the test well inside one so it cannot straddle two. */
async function atStartOfWindow() {
  const left = 60_000 - (Date.now() % 60_000);
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

describe('HTTP hardening', () => {
  it('refuses bodies over BODY_LIMIT_BYTES with 413', async () => {
    await using nexa = await startTestNexa({ env: { BODY_LIMIT_BYTES: '2048' } });
    const response = await fetch(`${nexa.nexa.url}/trpc/classification.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}` },
      body: JSON.stringify({ partnumber: 'BIG-1', description: 'x'.repeat(4000) }),
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

    const health = await fetch(`${nexa.nexa.url}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(health.headers.get('strict-transport-security')).toContain('max-age');
  });
});
