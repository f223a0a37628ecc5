import type { Socket } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { coalesceWritesPerTurn } from './socket-writes';

/**
 * - `commands`: requests from users; fails fast while Redis is unreachable instead of queueing.
 * - `queue`: the server's BullMQ producer (adding jobs for users' requests); fails fast like `commands`.
 * - `subscriber`: the one shared Pub/Sub connection of a process; resubscribes after reconnecting.
 * - `worker`: BullMQ workers (and the worker process's producer) block on Redis and must retry forever.
 * - `jobCommands`: a worker's own non-blocking commands (events, throttles); retries forever.
 *
 * `commands` and `jobCommands` send the commands issued in one tick as one write (auto-pipelining):
 * under load that is one socket write for many commands instead of one each. Connections BullMQ uses
 * do not: BullMQ defines some 60 Lua commands on its connection, and ioredis copies every defined
 * command into each pipeline it builds, which costs more than the socket writes it saves. Every
 * connection still sends what a turn of the event loop writes after its first command as one write
 * (`coalesceWritesPerTurn`).
 */
export type RedisRole = 'commands' | 'queue' | 'subscriber' | 'worker' | 'jobCommands';

const retryStrategy = (attempt: number) => Math.min(100 * 2 ** attempt, 2000) + Math.floor(Math.random() * 100);

export function redisOptions(role: RedisRole): RedisOptions {
  switch (role) {
    case 'commands':
      return { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy, connectTimeout: 5000, enableAutoPipelining: true };
    case 'queue':
      return { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy, connectTimeout: 5000 };
    case 'subscriber':
      return { maxRetriesPerRequest: null, retryStrategy, connectTimeout: 5000 };
    case 'worker':
      return { maxRetriesPerRequest: null, retryStrategy, connectTimeout: 5000 };
    case 'jobCommands':
      return { maxRetriesPerRequest: null, retryStrategy, connectTimeout: 5000, enableAutoPipelining: true };
  }
}

/** Redis did not answer `connectRedis` in time: at start, a setting (REDIS_URL) or a service to fix. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** Connects and waits until Redis answers, or fails with a RedisUnreachableError saying where it looked. */
export async function connectRedis(url: string, role: RedisRole, { name = 'nexa', timeoutMs = 10_000 } = {}): Promise<Redis> {
  const redis = new Redis(url, { ...redisOptions(role), connectionName: `${name}:${role}` });
  let lastError: string | null = null;
  redis.on('error', (error: Error) => {
    lastError = error.message || (error as { code?: string }).code || error.name;
  });
  // Each reconnection opens a new socket.
  redis.on('connect', () => coalesceWritesPerTurn(redis.stream as Socket));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new RedisUnreachableError(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms${lastError ? ` (${lastError})` : ''}`)),
        timeoutMs,
      );
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return redis;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
