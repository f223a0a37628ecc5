export { CLASSIFICATION_QUEUE, redisNames, type RedisNames } from './keys';
export {
  classificationJobOptions,
  classificationJobPayload,
  CLASSIFY_JOB,
  createClassificationQueue,
  FAN_OUT_JOB,
  fanOutJobId,
  fanOutJobPayload,
  type ClassificationQueue,
  type RetryPolicy,
} from './classification-queue';
export { createEventLog, parseLiveMessage, type EventLogOptions } from './event-log';
export { createSharedEventFeed, type SharedEventFeed } from './event-feed';
export { connectRedis, redactUrl, redisOptions, RedisUnreachableError, type RedisRole } from './redis-connection';
export { createRedisRateLimiter } from './rate-limiter';
export {
  createApprovedMemoryStream,
  followApprovedMemory,
  type ApprovedMemoryFollower,
  type ApprovedMemoryLearner,
  type ApprovedMemoryStream,
  type FollowApprovedMemoryOptions,
} from './approved-memory';
export { createSharedChannelSubscriber, type SharedChannelSubscriber } from './shared-channels';
export { coalesceWritesPerTurn } from './socket-writes';
export { createThrottle, type Throttle } from './throttle';
export { isRedisConnectivityError } from './connectivity';
