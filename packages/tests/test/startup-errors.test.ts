import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closedPortUrl, createPostgresTestDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL, uniqueName } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { spawnApp } from '../src/index';

describe('starting the embedded default', () => {
  it('without a redis-server binary and without REDIS_URL stops and says how to install Redis', async () => {
    const emptyPath = await mkdtemp(path.join(tmpdir(), 'nexa-no-binaries-'));
    const nexa = spawnApp('standalone', { PATH: emptyPath, REDIS_URL: '', DATABASE_URL: '', PORT: '0', NEXA_DATA_DIR: path.join(emptyPath, 'data') });
    const code = await new Promise<number | null>((resolve) => nexa.child.once('exit', resolve));
    await rm(emptyPath, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(nexa.output()).toContain('apt-get install redis-server');
    expect(nexa.output()).toContain('REDIS_URL');
  });

  it('with a bad setting stops with a message naming the variable', async () => {
    const nexa = spawnApp('standalone', { PORT: 'eighty', JOB_ATTEMPTS: '0' });
    const code = await new Promise<number | null>((resolve) => nexa.child.once('exit', resolve));
    expect(code).toBe(78);
    expect(nexa.output()).toMatch(/PORT/);
    expect(nexa.output()).toMatch(/JOB_ATTEMPTS/);
  });
});

describe('starting a server or worker whose PostgreSQL or Redis cannot be reached', () => {
  const jwtSecret = 'a-test-secret-long-enough-for-every-check-0123456789';
  const closedPort = async () => new URL(await closedPortUrl()).port;

  /** Runs the app until it exits: its exit code, its output, and the fatal JSON lines it logged. */
  async function startAndExit(app: 'server' | 'worker', env: Record<string, string>) {
    const nexa = spawnApp(app, { PORT: '0', JWT_SECRET: jwtSecret, AI_PROVIDER: 'deterministic', ...env });
    const code = await new Promise<number | null>((resolve) => nexa.child.once('exit', resolve));
    const fatal = nexa
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string; variable?: string; url?: string; reason?: string })
      .filter((line) => line.level === 60);
    return { code, output: nexa.output(), fatal };
  }

  function expectOneClearLine(run: Awaited<ReturnType<typeof startAndExit>>, variable: string, reason: string | RegExp) {
    expect(run.code, run.output).toBe(78);
    expect(run.output).not.toContain('    at ');
    expect(run.fatal, run.output).toHaveLength(1);
    expect(run.fatal[0]!.variable).toBe(variable);
    expect(run.fatal[0]!.msg).toContain(variable);
    expect(run.fatal[0]!.msg).toMatch(reason);
  }

  it('the server, with DATABASE_URL on a closed port, says so naming DATABASE_URL, with the password hidden, and exits 78', async () => {
    const port = await closedPort();
    const run = await startAndExit('server', { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${port}/nexa` });
    expectOneClearLine(run, 'DATABASE_URL', 'ECONNREFUSED');
    expect(run.fatal[0]!.msg).toContain(`127.0.0.1:${port}`);
    expect(run.output).not.toContain('hunter2');
  });

  it('the server, with DATABASE_URL naming a database that does not exist, says which and exits 78', async () => {
    const url = new URL(TEST_POSTGRES_URL);
    const name = uniqueName('nexa_does_not_exist');
    url.pathname = `/${name}`;
    const run = await startAndExit('server', { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: url.toString() });
    expectOneClearLine(run, 'DATABASE_URL', `database "${name}" does not exist`);
  });

  it('the worker, with DATABASE_URL on a closed port, says so naming DATABASE_URL and exits 78', async () => {
    const run = await startAndExit('worker', { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/nexa` });
    expectOneClearLine(run, 'DATABASE_URL', 'ECONNREFUSED');
  });

  // connectRedis waits 10 s for an answer before it gives up: these two run side by side.
  it.concurrent('the server, with REDIS_URL on a closed port, says so naming REDIS_URL and exits 78', { timeout: 40_000 }, async () => {
    await using postgres = await createPostgresTestDatabase();
    const port = await closedPort();
    const run = await startAndExit('server', { REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, DATABASE_URL: postgres.url });
    expectOneClearLine(run, 'REDIS_URL', /did not answer within \d+ ms \(connect ECONNREFUSED/);
    expect(run.fatal[0]!.msg).toContain(`127.0.0.1:${port}`);
    expect(run.output).not.toContain('hunter2');
  });

  it.concurrent('the worker, with REDIS_URL on a closed port, says so naming REDIS_URL and exits 78', { timeout: 40_000 }, async () => {
    await using postgres = await createPostgresTestDatabase();
    const run = await startAndExit('worker', { REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, DATABASE_URL: postgres.url });
    expectOneClearLine(run, 'REDIS_URL', /did not answer within \d+ ms \(connect ECONNREFUSED/);
  });
});
