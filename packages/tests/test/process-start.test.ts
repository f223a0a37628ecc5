import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';

const standaloneDir = fileURLToPath(new URL('../../../apps/standalone/', import.meta.url));

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: standaloneDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function call(url: string, procedure: string, input: unknown, token?: string) {
  const response = await fetch(`${url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('starting the product', () => {
  it('refuses production without a JWT secret, naming the variable', async () => {
    const run = start({ NODE_ENV: 'production' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('JWT_SECRET');
  });

  it('on a fresh data dir: keeps a development secret, says how to get an admin, and lets a newcomer register and submit', async () => {
    await using redis = createTestRedis();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nexa-fresh-'));
    const run = start({ REDIS_URL: redis.url, NEXA_REDIS_PREFIX: redis.prefix, NEXA_DATA_DIR: dataDir });
    try {
      const url = await waitFor(() => /running at (http:\/\/\S+)/.exec(run.output())?.[1], 60_000, `the server to start:\n${run.output()}`);
      await waitFor(() => (run.output().includes('auth.register') ? true : undefined), 10_000, 'the register hint');
      expect(run.output()).toContain('NEXA_ADMIN_EMAIL');
      expect(run.output()).toContain('development secret');
      expect((await readFile(path.join(dataDir, 'jwt-secret'), 'utf8')).trim().length).toBeGreaterThanOrEqual(32);

      expect((await call(url, 'classification.submit', { partnumber: 'FRESH-1' })).status).toBe(401);
      const registered = await call(url, 'auth.register', { email: 'new@example.com', password: 'a long enough password' });
      expect(registered.status).toBe(200);
      const login = await call(url, 'auth.login', { email: 'new@example.com', password: 'a long enough password' });
      const submitted = await call(url, 'classification.submit', { partnumber: 'FRESH-1' }, login.body.result.data.accessToken);
      expect(submitted.status).toBe(200);
      expect(submitted.body.result.data.status).toBe('queued');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
