import type { Redis } from 'ioredis';

/**
 * A Redis-side throttle shared by every worker process: `tryAcquire(key)` is true at most once per
 * `intervalMs` for the same key (SET NX PX), so several workers together write one event per window.
 */
export function createThrottle(redis: Redis, intervalMs: number) {
  return {
    async tryAcquire(key: string): Promise<boolean> {
      return (await redis.set(key, '1', 'PX', intervalMs, 'NX')) === 'OK';
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;
