import { reportingUnavailability, type ApprovedClassification, type ApprovedMemory } from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { isRedisConnectivityError } from './connectivity';
import type { RedisNames } from './keys';

export interface ApprovedMemoryStream extends ApprovedMemory {
  /** Entries after `afterId` (exclusive), or from the start: how a classifier catches up and follows. */
  read(afterId: string | null, count?: number): Promise<Array<{ id: string; entry: ApprovedClassification }>>;
}

/** Approved classifications as a Redis stream, for the reference engine (and any classifier) to learn from. */
export function createApprovedMemoryStream(redis: Redis, names: RedisNames, { maxEntries = 1_000_000 } = {}): ApprovedMemoryStream {
  return reportingUnavailability(createRawApprovedMemoryStream(redis, names, maxEntries), 'redis', isRedisConnectivityError);
}

function createRawApprovedMemoryStream(redis: Redis, names: RedisNames, maxEntries: number): ApprovedMemoryStream {
  return {
    async remember(entry) {
      await redis.xadd(names.approvedMemory, 'MAXLEN', '~', String(maxEntries), '*', 'e', JSON.stringify(entry));
    },
    async read(afterId, count = 1000) {
      const entries = await redis.xrange(names.approvedMemory, afterId ? `(${afterId}` : '-', '+', 'COUNT', count);
      return entries.map(([id, fields]) => ({ id, entry: JSON.parse(fields[1] ?? '{}') as ApprovedClassification }));
    },
  };
}
