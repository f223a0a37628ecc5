import type { ApprovedMemory, ReviewStore } from '@nexa/contracts';
import type { RedisNames } from '@nexa/queue';
import type { Redis } from 'ioredis';

export interface RestoreApprovedMemoryOptions {
  memory: ApprovedMemory;
  reviews: ReviewStore;
  redis: Redis;
  names: RedisNames;
  adminsOnly: boolean;
}

/**
 * The memory is a Redis stream, the reviews are rows in PostgreSQL. A server that starts on a Redis
 * holding no memory (new, or it lost its data) hands every approved classification to it again, so the
 * engines relearn them; of several servers starting at once, the one that takes the lock does it.
 * Returns how many entries it restored.
 */
export async function restoreApprovedMemory({ memory, reviews, redis, names, adminsOnly }: RestoreApprovedMemoryOptions): Promise<number> {
  if (!(await memory.isEmpty())) return 0;
  const entries = await reviews.approvedForMemory({ adminsOnly });
  if (entries.length === 0) return 0;
  if ((await redis.set(names.approvedMemoryRestoreLock, String(process.pid), 'EX', 300, 'NX')) !== 'OK') return 0;
  try {
    // Another server may have refilled it between the first look and the lock.
    if (!(await memory.isEmpty())) return 0;
    for (const entry of entries) await memory.remember(entry);
    return entries.length;
  } finally {
    await redis.del(names.approvedMemoryRestoreLock);
  }
}
