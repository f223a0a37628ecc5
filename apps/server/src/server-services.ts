import { createAccessTokens, createAccounts } from '@nexa/auth';
import type { NexaConfig } from '@nexa/config';
import type { UserStore } from '@nexa/contracts';
import { createNcmCatalog, createReviewStore, createTaskStore, createUserStore, type DatabaseHandle } from '@nexa/db';
import {
  connectRedis,
  createApprovedMemoryStream,
  createClassificationQueue,
  createEventLog,
  createRedisRateLimiter,
  createSharedEventFeed,
  redisNames,
  type ClassificationQueue,
  type RedisNames,
  type SharedEventFeed,
} from '@nexa/queue';
import { instrumentEventFeed, instrumentEventLog, type NexaMetrics } from '@nexa/observability';
import type { NexaServices } from '@nexa/router';
import type { Redis } from 'ioredis';

export type ServerServicesConfig = Pick<
  NexaConfig,
  | 'NEXA_REDIS_PREFIX'
  | 'JOB_ATTEMPTS'
  | 'JOB_BACKOFF_MS'
  | 'EVENTS_TTL_SECONDS'
  | 'ACCESS_TOKEN_TTL_SECONDS'
  | 'SESSION_MAX_SECONDS'
  | 'REGISTRATION_ENABLED'
  | 'MEMORY_LEARNS_FROM'
  | 'SUBMIT_RATE_LIMIT_PER_MINUTE'
  | 'BATCH_ITEM_RATE_LIMIT_PER_MINUTE'
  | 'LOGIN_ATTEMPTS_PER_EMAIL'
  | 'AUTH_ATTEMPTS_PER_ADDRESS'
  | 'BATCH_MAX_ITEMS'
  | 'BATCH_PROGRESS_INTERVAL_MS'
>;

export interface ServerServices {
  /** What the router's procedures use. */
  services: NexaServices;
  names: RedisNames;
  commands: Redis;
  /** `services.queue`, with the BullMQ queue behind it (metrics, dashboard). */
  queue: ClassificationQueue;
  /** `services.feed`, the process's one Pub/Sub feed, with its statistics. */
  feed: SharedEventFeed;
  users: UserStore;
  /** Closes the feed, the queue and the Redis connections (not the database). */
  close(): Promise<void>;
}

/** A server's Redis connections and the services the router needs, built over them and the database. */
export async function startServerServices(
  config: ServerServicesConfig,
  redisUrl: string,
  database: DatabaseHandle,
  { jwtSecret, metrics }: { jwtSecret: string; metrics: NexaMetrics },
): Promise<ServerServices> {
  const names = redisNames(config.NEXA_REDIS_PREFIX);
  const commands = await connectRedis(redisUrl, 'commands', { name: config.NEXA_REDIS_PREFIX });
  const queueConnection = await connectRedis(redisUrl, 'queue', { name: config.NEXA_REDIS_PREFIX });
  const subscriber = await connectRedis(redisUrl, 'subscriber', { name: config.NEXA_REDIS_PREFIX });
  const queue = createClassificationQueue(queueConnection, names, { attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  const feed = instrumentEventFeed(createSharedEventFeed(subscriber, names), metrics);
  const users = createUserStore(database.db);
  return {
    services: {
      tasks: createTaskStore(database.db),
      events: instrumentEventLog(createEventLog(commands, names, { ttlSeconds: config.EVENTS_TTL_SECONDS }), metrics),
      feed,
      queue,
      accounts: createAccounts({
        users,
        tokens: createAccessTokens({ secret: jwtSecret, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS }),
        registrationEnabled: config.REGISTRATION_ENABLED,
        sessionMaxSeconds: config.SESSION_MAX_SECONDS,
      }),
      reviews: createReviewStore(database.db),
      approvedMemory: createApprovedMemoryStream(commands, names),
      memoryLearnsFrom: config.MEMORY_LEARNS_FROM,
      submitRateLimiter: createRedisRateLimiter(commands, names, { limit: config.SUBMIT_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      batchItemRateLimiter: createRedisRateLimiter(commands, names, { limit: config.BATCH_ITEM_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
      loginRateLimiter: createRedisRateLimiter(commands, names, { limit: config.LOGIN_ATTEMPTS_PER_EMAIL, windowMs: 15 * 60_000 }),
      authAddressRateLimiter: createRedisRateLimiter(commands, names, { limit: config.AUTH_ATTEMPTS_PER_ADDRESS, windowMs: 15 * 60_000 }),
      ncm: createNcmCatalog(database.db),
      batch: { maxItems: config.BATCH_MAX_ITEMS, messageIntervalMs: config.BATCH_PROGRESS_INTERVAL_MS },
    },
    names,
    commands,
    queue,
    feed,
    users,
    async close() {
      await feed.close();
      await queue.close().catch(() => {});
      await Promise.all([queueConnection, commands].map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
