export { startNexa, type RunningNexa, type StartNexaOptions } from './start-nexa';
export { startEmbeddedRedis, findRedisServer, RedisNotInstalledError, type EmbeddedRedis } from './embedded-redis';
