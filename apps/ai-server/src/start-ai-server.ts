import type { ReferenceEngine } from '@nexa/engine';
import { connectRedis, followApprovedMemory, redisNames, type ApprovedMemoryFollower } from '@nexa/queue';
import { buildAiServer, type AiServer } from './build-ai-server';

export interface StartAiServerOptions {
  engine: ReferenceEngine;
  redisUrl: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string | undefined;
  logLevel?: string;
  /** Names the Redis connection (`<name>:commands`). */
  redisName?: string;
  /**
   * Nexa's Redis key prefix: the engine then learns every classification reviewers approve
   * (the approved-memory stream), from the start of the stream and then as they come.
   */
  learnFromPrefix?: string;
}

export interface RunningAiServer extends AiServer {
  url: string;
  close(): Promise<void>;
}

/** The reference AI server listening on HTTP, publishing on Redis. */
export async function startAiServer({
  engine,
  redisUrl,
  host = '127.0.0.1',
  port = 0,
  token,
  logLevel = 'info',
  redisName = 'nexa-ai',
  learnFromPrefix,
}: StartAiServerOptions): Promise<RunningAiServer> {
  const redis = await connectRedis(redisUrl, 'commands', { name: redisName });
  const server = await buildAiServer({
    engine,
    publisher: { publish: (channel, message) => redis.publish(channel, message), isReady: () => redis.status === 'ready' },
    token,
    logLevel,
  });
  let memory: ApprovedMemoryFollower | null = null;
  if (learnFromPrefix !== undefined) {
    memory = await followApprovedMemory(redisUrl, redisNames(learnFromPrefix), engine, {
      name: redisName,
      onRejected: (entry, error) => server.app.log.warn({ partnumber: entry.partnumber, ncm: entry.ncm, err: error }, 'approved classification not learned'),
    });
    await memory.caughtUp;
  }
  const address = await server.app.listen({ host, port }).catch(async (error: unknown) => {
    await memory?.close();
    await redis.quit().catch(() => redis.disconnect());
    throw error;
  });
  let closing: Promise<void> | null = null;
  return {
    ...server,
    url: address.replace('[::1]', 'localhost'),
    close() {
      closing ??= (async () => {
        await server.app.close();
        await server.drain();
        await memory?.close();
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
