import {
  approvedMemoryEntry,
  reportingUnavailability,
  type ApprovedClassification,
  type ApprovedMemory,
  type ApprovedMemoryEntry,
  type WithdrawnApproval,
} from '@nexa/contracts';
import type { Redis } from 'ioredis';
import { isRedisConnectivityError } from './connectivity';
import type { RedisNames } from './keys';
import { connectRedis } from './redis-connection';

export interface ApprovedMemoryStream extends ApprovedMemory {
  /** Well-formed entries after `afterId` (exclusive), or from the start. */
  read(afterId: string | null, count?: number): Promise<Array<{ id: string; entry: ApprovedMemoryEntry }>>;
}

/** Approved classifications (and their withdrawals) as a Redis stream, for the reference engine (and any classifier) to learn from. */
export function createApprovedMemoryStream(redis: Redis, names: RedisNames, { maxEntries = 1_000_000 } = {}): ApprovedMemoryStream {
  return reportingUnavailability(createRawApprovedMemoryStream(redis, names, maxEntries), 'redis', isRedisConnectivityError);
}

function createRawApprovedMemoryStream(redis: Redis, names: RedisNames, maxEntries: number): ApprovedMemoryStream {
  return {
    async remember(entry) {
      await append(entry);
    },
    async withdraw(withdrawn) {
      await append({ withdrawn });
    },
    async isEmpty() {
      return (await redis.xlen(names.approvedMemory)) === 0;
    },
    async read(afterId, count = 1000) {
      const entries = await redis.xrange(names.approvedMemory, afterId ? `(${afterId}` : '-', '+', 'COUNT', count);
      return entries.flatMap(([id, fields]) => {
        const entry = parseEntry(fields[1]);
        return entry ? [{ id, entry }] : [];
      });
    },
  };

  async function append(entry: ApprovedMemoryEntry) {
    await redis.xadd(names.approvedMemory, 'MAXLEN', '~', String(maxEntries), '*', 'e', JSON.stringify(entry));
  }
}

/** What follows the memory: the reference engine, or anything that learns the same way. */
export interface ApprovedMemoryLearner {
  remember(entry: ApprovedClassification): void;
  forget(withdrawn: WithdrawnApproval): void;
}

export interface ApprovedMemoryFollower {
  /** Resolves once every entry already in the stream at the start has been handed over. */
  caughtUp: Promise<void>;
  close(): Promise<void>;
}

export interface FollowApprovedMemoryOptions {
  /** Names the blocking connection (`<name>:worker`). */
  name?: string;
  /** How long one blocking read waits before it asks again. */
  blockMs?: number;
  /** An approval or withdrawal the learner threw on (e.g. a code no longer in force): reported, then skipped. */
  onRejected?: (entry: ApprovedClassification | WithdrawnApproval, error: unknown) => void;
}

/**
 * Hands every approved classification to `learner.remember` and every withdrawal to `learner.forget`,
 * in stream order: first the whole stream (a restarted classifier relearns everything), then new
 * entries as they arrive, over a blocking connection of its own that survives Redis restarts.
 */
export async function followApprovedMemory(
  redisUrl: string,
  names: RedisNames,
  learner: ApprovedMemoryLearner,
  { name = 'nexa', blockMs = 5000, onRejected }: FollowApprovedMemoryOptions = {},
): Promise<ApprovedMemoryFollower> {
  const redis = await connectRedis(redisUrl, 'worker', { name: `${name}:memory` });
  let stopped = false;
  let lastId = '0';
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });

  const readBatch = async (block: boolean) => {
    const reply = block
      ? await redis.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', names.approvedMemory, lastId)
      : await redis.xread('COUNT', 1000, 'STREAMS', names.approvedMemory, lastId);
    const entries = reply?.[0]?.[1] ?? [];
    for (const [id, fields] of entries) {
      lastId = id;
      const entry = parseEntry(fields[1]);
      if (!entry) continue;
      try {
        if ('withdrawn' in entry) learner.forget(entry.withdrawn);
        else learner.remember(entry);
      } catch (error) {
        onRejected?.('withdrawn' in entry ? entry.withdrawn : entry, error);
      }
    }
    return entries.length;
  };

  const loop = (async () => {
    let catchingUp = true;
    while (!stopped) {
      try {
        const read = await readBatch(!catchingUp);
        if (catchingUp && read < 1000) {
          catchingUp = false;
          markCaughtUp();
        }
      } catch {
        if (stopped) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  })();

  return {
    caughtUp,
    async close() {
      stopped = true;
      markCaughtUp();
      redis.disconnect();
      await loop;
    },
  };
}

function parseEntry(raw: string | undefined): ApprovedMemoryEntry | null {
  try {
    const parsed = approvedMemoryEntry.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
