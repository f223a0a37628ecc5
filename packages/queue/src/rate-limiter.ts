import { reportingUnavailability, type RateLimiter } from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { isRedisConnectivityError } from './connectivity';
import type { RedisNames } from './keys';
import { defineRedisScript } from './redis-script';

// Adds the cost and gives it back when it does not fit, so a refused call (say a batch too large for
// what is left of the window) leaves the budget as it was.
const TAKE_FROM_WINDOW = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if count > tonumber(ARGV[3]) then
  redis.call('DECRBY', KEYS[1], ARGV[2])
  return 0
end
return 1`;

/** A fixed window per subject in Redis, so every server instance counts against the same limit. */
export function createRedisRateLimiter(redis: Redis, names: RedisNames, { limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  return reportingUnavailability(createRawRateLimiter(redis, names, { limit, windowMs }), 'redis', isRedisConnectivityError);
}

function createRawRateLimiter(redis: Redis, names: RedisNames, { limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const takeFromWindow = defineRedisScript(redis, 'nexaTakeFromWindow', TAKE_FROM_WINDOW, 1);
  return {
    async consume(subject, cost = 1) {
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const allowed = Number(await takeFromWindow.run([names.rateLimit(subject, window), String(windowMs), String(cost), String(limit)]));
      if (allowed === 1) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)) };
    },
  };
}
