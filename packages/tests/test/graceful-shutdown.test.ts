import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateSecret } from '@nexa/auth';
import { createPostgresTestDatabase, createTestRedis, waitFor } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { clientFor, collect, gatedClassifier, startTestNexa } from '../src/index';

const standaloneDir = fileURLToPath(new URL('../../../apps/standalone/', import.meta.url));

describe('graceful shutdown', () => {
  it('lets a running job finish and tells WebSocket clients to reconnect', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    const states: string[] = [];
    const client = clientFor(nexa.nexa.url, 'ws', { token: nexa.token });
    const watcher = clientFor(nexa.nexa.url, 'ws', { token: nexa.token });
    try {
      const { taskId } = await client.classification.submit.mutate({ partnumber: 'SHUTDOWN-1' });
      await gated.atGate;
      const seen = collect(watcher.watch(taskId), 3);
      await seen;
      const unsubscribe = setInterval(() => states.push(watcher.connectionState), 5);

      const closing = nexa.nexa.close();
      setTimeout(() => gated.open(), 200);
      await closing;
      clearInterval(unsubscribe);

      expect(states).toContain('reconnecting');
      const task = await waitFor(async () => {
        const rows = await nexa.database.db.query.tasks.findFirst({ where: (t, { eq }) => eq(t.id, taskId) });
        return rows?.status === 'done' ? rows : undefined;
      });
      expect(task.status).toBe('done');
    } finally {
      await client.close();
      await watcher.close();
    }
  });

  it('a real process exits on SIGTERM within 10 s with its Redis connections closed', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: standaloneDir,
      env: { ...process.env, REDIS_URL: redis.url, NEXA_REDIS_PREFIX: redis.prefix, DATABASE_URL: postgres.url, PORT: '0', LOG_LEVEL: 'warn', JWT_SECRET: generateSecret() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await waitFor(() => /running at (http:\/\/\S+)/.exec(output)?.[1], 30_000, `the server to start:\n${output}`);

    const anonymous = clientFor(url);
    const { accessToken } = await anonymous.auth.register.mutate({ email: 'process@example.com', password: 'a long enough password' });
    const client = clientFor(url, 'ws', { token: accessToken });
    try {
      const events = await collect(client.classify({ partnumber: 'PROCESS-1', description: 'rolamento de esferas' }));
      expect(events.at(-1)?.event.type).toBe('result');
      const admin = redis.connect();
      const named = async () => String(await admin.call('CLIENT', 'LIST')).split('\n').filter((line: string) => line.includes(`name=${redis.prefix}:`)).length;
      expect(await named()).toBeGreaterThan(0);

      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await named()).toBe(0);
    } finally {
      await client.close();
      await anonymous.close();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
