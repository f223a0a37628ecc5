import { describe, expect, it } from 'vitest';
import { startTestNexa } from '../src/index';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('/admin/queues (bull-board)', () => {
  it('asks for credentials (401 with a Basic challenge) and admits admin accounts by email and password, access token or API key', async () => {
    await using nexa = await startTestNexa();
    const url = `${nexa.nexa.url}/admin/queues`;
    const admin = await nexa.createUser({ role: 'admin' });

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="Nexa admin"/);
    expect((await fetch(`${url}/api/queues`)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: basic(admin.email, 'not-the-password') } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer forged.token.value' } })).status).toBe(401);

    const page = await fetch(url, { headers: { authorization: basic(admin.email, admin.password) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    await nexa.client().classification.submit.mutate({ partnumber: 'BOARD-1' });
    const api = await fetch(`${url}/api/queues`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((queue) => queue.name)).toContain('classification');

    const { key } = await admin.client('sse').apiKeys.create.mutate({ name: 'ops script' });
    expect((await fetch(`${url}/api/queues`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });

  it('refuses ordinary users with 403, whatever credential they use', async () => {
    await using nexa = await startTestNexa();
    const url = `${nexa.nexa.url}/admin/queues`;
    const user = await nexa.createUser();
    const { key } = await user.client('sse').apiKeys.create.mutate({ name: 'mine' });
    for (const authorization of [basic(user.email, user.password), `Bearer ${user.token}`, `Bearer ${key}`]) {
      const response = await fetch(url, { headers: { authorization } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ code: 'FORBIDDEN', message: 'admins only' });
    }
  });

  it('counts Basic sign-ins against LOGIN_ATTEMPTS_PER_EMAIL', async () => {
    await using nexa = await startTestNexa({ env: { LOGIN_ATTEMPTS_PER_EMAIL: '3' } });
    const url = `${nexa.nexa.url}/admin/queues`;
    const admin = await nexa.createUser({ role: 'admin' }); // its sign-in is the first attempt
    expect((await fetch(url, { headers: { authorization: basic(admin.email, 'guess-1') } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: basic(admin.email, 'guess-2') } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: basic(admin.email, admin.password) } })).status).toBe(429);
    // A token the admin already holds still opens it.
    expect((await fetch(url, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
  });

  it('also accepts ADMIN_TOKEN, when set, as bearer token or Basic password', async () => {
    const ADMIN_TOKEN = 'admin-token-for-the-dashboard';
    await using nexa = await startTestNexa({ env: { ADMIN_TOKEN } });
    const url = `${nexa.nexa.url}/admin/queues/api/queues`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: basic('ops', ADMIN_TOKEN) } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: basic('ops', `${ADMIN_TOKEN}-not`) } })).status).toBe(401);
  });
});
