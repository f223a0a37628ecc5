import { describe, expect, it } from 'vitest';
import { startTestNexa } from '../src/index';

const ADMIN_TOKEN = 'admin-token-for-the-dashboard';
const basic = (password: string) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('/admin/queues (bull-board)', () => {
  it('asks for credentials (401 with a Basic challenge), refuses a wrong one, and shows the queue to the admin', async () => {
    await using nexa = await startTestNexa({ env: { ADMIN_TOKEN } });
    const url = `${nexa.nexa.url}/admin/queues`;

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="Nexa admin"/);
    expect((await fetch(url, { headers: { authorization: basic('not-the-admin-token') } })).status).toBe(401);
    expect((await fetch(`${url}/api/queues`)).status).toBe(401);

    const page = await fetch(url, { headers: { authorization: basic(ADMIN_TOKEN) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    await nexa.client().classification.submit.mutate({ partnumber: 'BOARD-1' });
    const api = await fetch(`${url}/api/queues`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((queue) => queue.name)).toContain('classification');
  });

  it('is not served at all without ADMIN_TOKEN', async () => {
    await using nexa = await startTestNexa();
    expect((await fetch(`${nexa.nexa.url}/admin/queues`, { headers: { authorization: basic('anything-at-all-really') } })).status).toBe(404);
  });
});
