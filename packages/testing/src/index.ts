import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The real services tests talk to; CI and developer machines run both on loopback. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const uniqueName = (label: string) => `${label}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export interface TestPostgres {
  url: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A fresh, empty PostgreSQL database of its own, dropped on dispose, so parallel test files never collide. */
export async function createPostgresTestDatabase(): Promise<TestPostgres> {
  const name = uniqueName('nexa_test');
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async [Symbol.asyncDispose]() {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestRedis {
  url: string;
  prefix: string;
  connect(): Redis;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A Redis key prefix of its own; every key under it is removed on dispose. */
export function createTestRedis(): TestRedis {
  const prefix = uniqueName('nexatest');
  const opened: Redis[] = [];
  return {
    url: TEST_REDIS_URL,
    prefix,
    connect() {
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
      opened.push(redis);
      return redis;
    },
    async [Symbol.asyncDispose]() {
      const redis = new Redis(TEST_REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
      await Promise.all(opened.map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
export { firstEdition, secondEdition, comexstatCsv } from './ncm-fixtures';
export { startFakeServer, closedPortUrl, type FakeServer } from './fake-http-server';
