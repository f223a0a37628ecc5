import type { TrackedEvent } from '@nexa/client';
import { loadConfig } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { startNexa } from '@nexa/standalone';
import { createPostgresTestDatabase, createTestRedis, waitFor } from '@nexa/testing';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { clientFor, collect, signUp, startTcpProxy } from '../../src/index';
import { generateSecret } from '@nexa/auth';

describe('PostgreSQL unreachable for a while', () => {
  it('answers SERVICE_UNAVAILABLE, reports it in /readyz, and every accepted task still ends', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    const proxy = await startTcpProxy(Number(new URL(postgres.url).port || 5432));
    const proxied = new URL(postgres.url);
    proxied.port = String(proxy.port);
    const database = await openDatabase({ databaseUrl: proxied.toString() });
    const config = loadConfig({
      REDIS_URL: redis.url,
      NEXA_REDIS_PREFIX: redis.prefix,
      DATABASE_URL: proxied.toString(),
      PORT: '0',
      JWT_SECRET: generateSecret(),
      LOG_LEVEL: 'silent',
      AI_PROVIDER: 'deterministic',
      DETERMINISTIC_STEP_MS: '500',
      JOB_BACKOFF_MS: '50',
      RECONCILE_INTERVAL_MS: '300',
      RECONCILE_AFTER_MS: '1500',
    });
    const nexa = await startNexa({ config, database });
    const client = clientFor(nexa.url, 'ws', { token: await signUp(nexa.url) });
    const readiness = async () => {
      const response = await fetch(`${nexa.url}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
    };
    try {
      const { taskId } = await client.classification.submit.mutate({ partnumber: 'DB-OUTAGE-1' });
      const watched: TrackedEvent[] = [];
      const watching = (async () => {
        for await (const tracked of client.watch(taskId)) watched.push(tracked);
      })();
      await waitFor(() => (watched.some((e) => e.event.type === 'progress') ? true : undefined));

      await proxy.cut();
      const refused = await client.classification.submit.mutate({ partnumber: 'DB-OUTAGE-2' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TRPCClientError);
      expect((refused as TRPCClientError<any>).data?.code).toBe('SERVICE_UNAVAILABLE');
      const unknownTask = await client.task.get.query({ taskId }).catch((error: unknown) => error);
      expect((unknownTask as TRPCClientError<any>).data?.code).toBe('SERVICE_UNAVAILABLE');
      const down = await readiness();
      expect(down.status).toBe(503);
      expect(down.body.checks.database).toMatch(/unavailable/);
      expect(down.body.checks.redis).toBe('ok');
      // The admin dashboard cannot check an account either: 503, not a crash or a wrong 401.
      const adminSignIn = Buffer.from('admin@test.nexa.example:an-admin-password').toString('base64');
      expect((await fetch(`${nexa.url}/admin/queues/api/queues`, { headers: { authorization: `Basic ${adminSignIn}` } })).status).toBe(503);
      // Long enough for the running job to exhaust its attempts against the missing database.
      await new Promise((resolve) => setTimeout(resolve, 1500));

      await proxy.restore();
      await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), 20_000, 'readiness after the database returned');
      await watching;
      expect(['result', 'failed']).toContain(watched.at(-1)?.event.type);
      expect(['done', 'failed']).toContain((await client.task.get.query({ taskId })).status);
      expect((await collect(client.classify({ partnumber: 'DB-AFTER-1' }))).at(-1)?.event.type).toBe('result');
    } finally {
      await client.close();
      await nexa.close();
      await database.close();
      await proxy.close();
    }
  });
});
