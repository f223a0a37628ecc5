import type { ChainableCommander, Redis } from 'ioredis';

type ScriptArgument = string | number;

export interface RedisScript {
  run(keysAndArgs: readonly ScriptArgument[]): Promise<unknown>;
  /** Queues the call on a pipeline made from the same connection. */
  queue(pipeline: ChainableCommander, keysAndArgs: readonly ScriptArgument[]): void;
}

/**
 * A Lua script called by its SHA1 (EVALSHA; ioredis loads it on the first NOSCRIPT), so neither the
 * body travels nor Redis hashes it again on every call, as it would with EVAL.
 */
export function defineRedisScript(redis: Redis, name: string, lua: string, numberOfKeys: number): RedisScript {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
  const call = (target: Redis | ChainableCommander, keysAndArgs: readonly ScriptArgument[]) =>
    (target as unknown as Record<string, (...args: ScriptArgument[]) => Promise<unknown>>)[name]!(...keysAndArgs);
  return {
    run: (keysAndArgs) => call(redis, keysAndArgs),
    queue: (pipeline, keysAndArgs) => void call(pipeline, keysAndArgs),
  };
}
