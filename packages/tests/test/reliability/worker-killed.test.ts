import { loadConfig } from '@nexa/config';
import { openDatabase, tables } from '@nexa/db';
import { startNexa } from '@nexa/standalone';
import { createPostgresTestDatabase, createTestRedis } from '@nexa/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientFor, signUp, spawnApp, type NexaProcess } from '../../src/index';
import { generateSecret } from '@nexa/auth';
import type { TrackedEvent } from '@nexa/client';

describe('a worker killed with SIGKILL in the middle of a job', () => {
  it('loses nothing: another worker completes the job, one ACTIVE classification, the subscriber gets the result', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    const env = {
      REDIS_URL: redis.url,
      NEXA_REDIS_PREFIX: redis.prefix,
      DATABASE_URL: postgres.url,
      JOB_LOCK_MS: '1000',
      JOB_STALLED_CHECK_MS: '300',
      JWT_SECRET: generateSecret(),
      AI_PROVIDER: 'deterministic',
    };
    const database = await openDatabase({ databaseUrl: postgres.url });
    const server = await startNexa({ config: loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent' }), database, withWorker: false });
    const client = clientFor(server.url, 'ws', { token: await signUp(server.url) });
    const workers: NexaProcess[] = [];
    try {
      const doomed = spawnApp('worker', { ...env, DETERMINISTIC_STEP_MS: '60000' });
      workers.push(doomed);
      await doomed.waitForOutput(/worker running/);

      const { taskId } = await client.classification.submit.mutate({ partnumber: 'KILLED-1', description: 'relé' });
      const received: TrackedEvent[] = [];
      const finished = (async () => {
        for await (const tracked of client.watch(taskId)) received.push(tracked);
      })();
      while (!received.some((e) => e.event.type === 'progress')) await new Promise((resolve) => setTimeout(resolve, 20));

      await doomed.kill();
      const rescuer = spawnApp('worker', env);
      workers.push(rescuer);
      await finished;

      expect(received.at(-1)?.event.type).toBe('result');
      const ids = received.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const stored = await database.db.select().from(tables.classifications).where(eq(tables.classifications.taskId, taskId));
      expect(stored.map((row) => row.status)).toEqual(['ACTIVE']);
      expect((await client.task.get.query({ taskId })).status).toBe('done');
    } finally {
      await client.close();
      await Promise.all(workers.map((worker) => worker.stop()));
      await server.close();
      await database.close();
    }
  });
});
