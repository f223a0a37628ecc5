import type { ReferenceEngine } from '@nexa/engine';
import { connectRedis } from '@nexa/queue';
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
}

export interface RunningAiServer extends AiServer {
  url: string;
  close(): Promise<void>;
}

/** The reference AI server listening on HTTP, publishing on Redis. */
export async function startAiServer({ engine, redisUrl, host = '127.0.0.1', port = 0, token, logLevel = 'info', redisName = 'nexa-ai' }: StartAiServerOptions): Promise<RunningAiServer> {
  const redis = await connectRedis(redisUrl, 'commands', { name: redisName });
  const server = await buildAiServer({
    engine,
    publisher: { publish: (channel, message) => redis.publish(channel, message), isReady: () => redis.status === 'ready' },
    token,
    logLevel,
  });
  const address = await server.app.listen({ host, port });
  let closing: Promise<void> | null = null;
  return {
    ...server,
    url: address.replace('[::1]', 'localhost'),
    close() {
      closing ??= (async () => {
        await server.app.close();
        await server.drain();
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
