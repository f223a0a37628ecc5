import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TrackedEvent } from '@nexa/client';
import { loadConfig } from '@nexa/config';
import { openDatabase, tables } from '@nexa/db';
import { startEmbeddedRedis, startNexa } from '@nexa/standalone';
import { createPostgresTestDatabase, waitFor } from '@nexa/testing';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { clientFor, collect, signUp } from '../../src/index';
import { generateSecret } from '@nexa/auth';

describe('Redis going away and coming back', () => {
  it('fails submissions fast with SERVICE_UNAVAILABLE, reports it in /readyz, and recovers without a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nexa-redis-outage-'));
    await using postgres = await createPostgresTestDatabase();
    let redis = await startEmbeddedRedis(dataDir);
    const database = await openDatabase({ databaseUrl: postgres.url });
    const config = loadConfig({
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      PORT: '0',
      JWT_SECRET: generateSecret(),
      LOG_LEVEL: 'silent',
      AI_PROVIDER: 'deterministic',
      DETERMINISTIC_STEP_MS: '800',
      JOB_LOCK_MS: '1000',
      JOB_STALLED_CHECK_MS: '300',
      JOB_BACKOFF_MS: '100',
      RECONCILE_INTERVAL_MS: '300',
      RECONCILE_AFTER_MS: '2000',
    });
    const nexa = await startNexa({ config, database });
    const client = clientFor(nexa.url, 'ws', { token: await signUp(nexa.url) });
    const readiness = async () => {
      const response = await fetch(`${nexa.url}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
    };
    try {
      expect((await collect(client.classify({ partnumber: 'BEFORE-1' }))).at(-1)?.event.type).toBe('result');

      // A task in the middle of its work when Redis dies, watched the whole time.
      const { taskId: caught } = await client.classification.submit.mutate({ partnumber: 'DURING-1' });
      const watched: TrackedEvent[] = [];
      const watching = (async () => {
        for await (const tracked of client.watch(caught)) watched.push(tracked);
      })();
      await waitFor(() => (watched.some((e) => e.event.type === 'progress') ? true : undefined));

      await redis.kill();
      const tasksBefore = (await database.db.select().from(tables.tasks)).length;
      const refused = await client.classification.submit.mutate({ partnumber: 'OUTAGE-1' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TRPCClientError);
      expect((refused as TRPCClientError<any>).data?.code).toBe('SERVICE_UNAVAILABLE');
      expect((await database.db.select().from(tables.tasks)).length).toBe(tasksBefore);
      const down = await readiness();
      expect(down.status).toBe(503);
      expect(down.body.checks.redis).toMatch(/unavailable/);
      expect(down.body.checks.database).toBe('ok');

      redis = await startEmbeddedRedis(dataDir, { port: redis.port });
      await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), 20_000, 'readiness after Redis returned');

      expect((await collect(client.classify({ partnumber: 'AFTER-1' }))).at(-1)?.event.type).toBe('result');
      await watching;
      expect(['result', 'failed']).toContain(watched.at(-1)?.event.type);
      const ids = watched.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const caughtTask = await client.task.get.query({ taskId: caught });
      expect(['done', 'failed']).toContain(caughtTask.status);
    } finally {
      await client.close();
      await nexa.close();
      await database.close();
      await redis.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
