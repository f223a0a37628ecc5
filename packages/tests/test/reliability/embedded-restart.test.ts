import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFor, collect, signUp, spawnApp } from '../../src/index';

describe('stopping and restarting the embedded default (pnpm start)', () => {
  it('loses no queued or running task: private Redis keeps an append-only file, PGlite its files', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'nexa-embedded-'));
    const env = {
      NEXA_DATA_DIR: dataDir,
      REDIS_URL: '',
      DATABASE_URL: '',
      PORT: '0',
      WORKER_CONCURRENCY: '1',
      DETERMINISTIC_STEP_MS: '700',
      SHUTDOWN_TIMEOUT_MS: '300',
      JOB_LOCK_MS: '1000',
      JOB_STALLED_CHECK_MS: '300',
      AI_PROVIDER: 'deterministic',
    };
    let nexa = spawnApp('standalone', env);
    try {
      let url = (await nexa.waitForOutput(/running at (http:\/\/\S+)/))[1]!;
      // The development secret is kept in the data directory, so the token outlives the restart.
      const token = await signUp(url);
      let client = clientFor(url, 'ws', { token });
      const taskIds: string[] = [];
      for (const partnumber of ['RESTART-A', 'RESTART-B', 'RESTART-C', 'RESTART-D']) {
        taskIds.push((await client.classification.submit.mutate({ partnumber })).taskId);
      }
      await collect(client.watch(taskIds[0]!), 2); // the first job is running
      await client.close();
      expect(await nexa.stop()).toBe(0);

      nexa = spawnApp('standalone', env);
      url = (await nexa.waitForOutput(/running at (http:\/\/\S+)/))[1]!;
      client = clientFor(url, 'ws', { token });
      try {
        for (const taskId of taskIds) {
          const events = await collect(client.watch(taskId));
          expect(events.at(-1)?.event.type, taskId).toBe('result');
          expect((await client.task.get.query({ taskId })).classifications).toHaveLength(1);
        }
      } finally {
        await client.close();
      }
    } finally {
      await nexa.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
