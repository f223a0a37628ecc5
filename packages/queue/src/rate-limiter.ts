import { reportingUnavailability, type RateLimiter } from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { isRedisConnectivityError } from './connectivity';
import type { RedisNames } from './keys';

const COUNT_IN_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** A fixed window per subject in Redis, so every server instance counts against the same limit. */
export function createRedisRateLimiter(redis: Redis, names: RedisNames, { limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  return reportingUnavailability(createRawRateLimiter(redis, names, { limit, windowMs }), 'redis', isRedisConnectivityError);
}

function createRawRateLimiter(redis: Redis, names: RedisNames, { limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  return {
    async consume(subject) {
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const count = Number(await redis.eval(COUNT_IN_WINDOW, 1, names.rateLimit(subject, window), String(windowMs)));
      if (count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)) };
    },
  };
}
