import { randomBytes } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPostgresTestDatabase, createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { signUp } from '../src/index';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

async function bundle(app: string, outDir: string) {
  await run(process.execPath, [path.join(repoRoot, 'scripts/bundle-app.mjs'), 'src/main.ts'], { cwd: path.join(repoRoot, 'apps', app), env: { ...process.env, NEXA_BUNDLE_OUTDIR: outDir } });
}

/** Runs `node <dir>/main.js` from a folder outside the repository, as a deployment would. */
function startBundle(dir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(dir, 'main.js')], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    waitFor: (pattern: RegExp) => waitFor(() => pattern.exec(output) ?? undefined, 30_000, `${pattern} in:\n${output}`),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('production bundles', () => {
  it('the bundled server and worker run with plain node, migrate from the shipped migrations and classify', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    // Where `pnpm build` puts them: the external packages resolve from the app's node_modules.
    const dist = (app: string) => path.join(repoRoot, 'apps', app, 'dist');
    await Promise.all([bundle('server', dist('server')), bundle('worker', dist('worker'))]);
    expect(existsSync(path.join(dist('server'), 'migrations', 'meta', '_journal.json'))).toBe(true);
    {
      const env = {
        REDIS_URL: redis.url,
        NEXA_REDIS_PREFIX: redis.prefix,
        DATABASE_URL: postgres.url,
        PORT: '0',
        AI_PROVIDER: 'deterministic',
        LOG_LEVEL: 'info',
        JWT_SECRET: randomBytes(32).toString('base64'),
      };
      const server = startBundle(dist('server'), env);
      const worker = startBundle(dist('worker'), env);
      try {
        const [, url] = await server.waitFor(/Nexa server listening at (http:\/\/\S+)/);
        await worker.waitFor(/Nexa worker running/);
        expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
        expect((await fetch(`${url}/readyz`)).status).toBe(200);

        const account = { email: `bundle-${randomBytes(4).toString('hex')}@test.nexa.example`, password: 'bundle-password-123' };
        const call = (procedure: string, input: unknown) =>
          fetch(`${url}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        expect((await call('auth.register', account)).status).toBe(200);
        const { accessToken } = ((await (await call('auth.login', account)).json()) as { result: { data: { accessToken: string } } }).result.data;
        const submitted = await fetch(`${url}/classify-partnumber?wait=20`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ partnumber: 'BUNDLE-1', description: 'parafuso' }),
        });
        expect(await submitted.json()).toMatchObject({ status: 'done', classifications: [{ partnumber: 'BUNDLE-1' }] });
      } finally {
        const codes = { server: await server.stop(), worker: await worker.stop() };
        expect(codes, `server:\n${server.output()}\nworker:\n${worker.output()}`).toEqual({ server: 0, worker: 0 });
      }
    }
  }, 120_000);
});
