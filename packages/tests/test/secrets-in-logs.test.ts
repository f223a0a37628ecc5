import { PassThrough } from 'node:stream';
import { createLogger } from '@nexa/observability';
import { describe, expect, it } from 'vitest';
import { codeOf, collect, startTestNexa } from '../src/index';

describe('logs', () => {
  it('never hold a password, an access token or an API key', async () => {
    await using nexa = await startTestNexa({ captureLogs: true, env: { LOG_LEVEL: 'trace' } });
    const anonymous = nexa.client({ token: null });
    const password = 'Sup3r-Secret-Passw0rd';
    const session = await anonymous.auth.register.mutate({ email: 'logs@example.com', password });
    expect(JSON.stringify(session)).not.toContain(password);
    await codeOf(anonymous.auth.login.mutate({ email: 'logs@example.com', password: `${password}-wrong` }));
    const login = await anonymous.auth.login.mutate({ email: 'logs@example.com', password });
    const signedIn = nexa.client({ token: login.accessToken });
    const { key } = await signedIn.apiKeys.create.mutate({ name: 'logs' });
    expect(JSON.stringify(await signedIn.apiKeys.list.query())).not.toContain(key);
    await collect(nexa.client({ token: key, transport: 'sse' }).classify({ partnumber: 'LOGS-1' }));
    // Refused calls are logged; their credentials must not be.
    await codeOf(nexa.client({ token: `${key}x` }).auth.me.query());
    await codeOf(nexa.client({ token: `${login.accessToken}x` }).auth.me.query());
    await fetch(`${nexa.nexa.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${key}` } });

    const logs = nexa.logs();
    expect(logs.some((line) => line.includes('request refused'))).toBe(true);
    for (const secret of [password, login.accessToken, session.accessToken, key, nexa.token]) {
      expect(logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('keep a failed statement but not its parameters', async () => {
    const lines: string[] = [];
    const destination = new PassThrough().on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    // What drizzle throws for a statement PostgreSQL refused.
    const failed = Object.assign(new Error('Failed query: insert into "users" ("password_hash") values ($1)\nparams: $argon2id$v=19$secret-hash'), {
      query: 'insert into "users" ("password_hash") values ($1)',
      params: ['$argon2id$v=19$secret-hash'],
      cause: new Error('invalid byte sequence for encoding "UTF8": 0x00'),
    });
    createLogger({ destination }).error({ err: failed }, 'procedure failed');
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.join('');
    expect(logged).toContain('Failed query: insert into \\"users\\"');
    expect(logged).toContain('invalid byte sequence');
    expect(logged).not.toContain('secret-hash');
  });
});
