import { signUp } from '@nexa/tests';
import { createPostgresTestDatabase, createTestRedis } from '@nexa/testing';
import { describe, expect, it } from 'vitest';
import { runNexa, spawnNexa } from './run-nexa';

describe('nexa start', () => {
  it('runs the whole product (the reference AI server too), serves classify, and stops on SIGTERM with exit 0', async () => {
    await using redis = createTestRedis();
    await using postgres = await createPostgresTestDatabase();
    const server = spawnNexa(['start'], {
      REDIS_URL: redis.url,
      NEXA_REDIS_PREFIX: redis.prefix,
      DATABASE_URL: postgres.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'a-test-only-secret-for-the-nexa-start-test-9f3k',
    });
    try {
      const [, url] = await server.waitForOutput(/Nexa is running at (http:\/\/\S+)/);
      const run = await runNexa(['--url', url!, '--token', await signUp(url!), '--json', 'classify', 'LM358DR', '-d', 'amplificador operacional']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', classification: { partnumber: 'LM358DR', engine: 'nexa-reference', ncm: expect.stringMatching(/^\d{8}$/) } });
    } finally {
      server.child.kill('SIGTERM');
    }
    const stopped = await server.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('SIGTERM received');
  });
});
