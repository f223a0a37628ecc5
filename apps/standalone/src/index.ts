export { startNexa, type RunningNexa, type StartNexaOptions } from './start-nexa';
export { startEmbeddedRedis, findRedisServer, RedisNotInstalledError, type EmbeddedRedis } from './embedded-redis';
export { runStandalone, type RunStandaloneOptions } from './run-standalone';
