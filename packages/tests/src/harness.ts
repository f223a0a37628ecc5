import { createNexaClient, type NexaClient, type Transport } from '@nexa/client';
import { loadConfig, type NexaConfig } from '@nexa/config';
import { eventsOfMessage, type AiClassifier, type TaskEvent, type TaskMessage } from '@nexa/contracts';
import { openDatabase, type DatabaseHandle } from '@nexa/db';
import { startNexa, type RunningNexa } from '@nexa/standalone';
import { createPostgresTestDatabase, createTestRedis, type TestRedis } from '@nexa/testing';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';

export type DatabaseKind = 'postgres' | 'pglite';

export interface TestNexaOptions {
  database?: DatabaseKind;
  classifier?: AiClassifier;
  /** Defaults to AI_PROVIDER=deterministic (the in-process stand-in); set AI_PROVIDER to run another. */
  env?: Record<string, string>;
  /** Import the NCM table at start when the database has none (off by default: it takes seconds). */
  importNcmTable?: boolean;
}

export interface TestNexa {
  config: NexaConfig;
  redis: TestRedis;
  database: DatabaseHandle;
  databaseUrl: string | undefined;
  nexa: RunningNexa;
  client(transport?: Transport): NexaClient;
  /** Another server instance (no worker) on the same Redis and database. */
  startSecondServer(): Promise<RunningNexa>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A whole Nexa in this process, on a Redis key prefix and a database of its own. */
export async function startTestNexa(options: TestNexaOptions = {}): Promise<TestNexa> {
  const redis = createTestRedis();
  const postgres = options.database === 'pglite' ? null : await createPostgresTestDatabase();
  const database = await openDatabase(postgres ? { databaseUrl: postgres.url, poolSize: 5 } : { dataDir: 'memory://' });
  const config = loadConfig({
    REDIS_URL: redis.url,
    NEXA_REDIS_PREFIX: redis.prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
    JOB_BACKOFF_MS: '20',
    SHUTDOWN_TIMEOUT_MS: '3000',
    AI_PROVIDER: 'deterministic',
    ...options.env,
  });
  const nexa = await startNexa({
    config,
    database,
    importNcmTable: options.importNcmTable ?? false,
    ...(options.classifier ? { classifier: options.classifier } : {}),
  });
  const clients: NexaClient[] = [];
  const extraServers: RunningNexa[] = [];

  const clientFor = (url: string) => (transport: Transport = 'ws') => {
    const client = createNexaClient({ url, transport, WebSocket, EventSource, maxRetryDelayMs: 200 });
    clients.push(client);
    return client;
  };

  return {
    config,
    redis,
    database,
    databaseUrl: postgres?.url,
    nexa,
    client: clientFor(nexa.url),
    async startSecondServer() {
      const second = await startNexa({ config, database, withWorker: false, importNcmTable: false });
      extraServers.push(second);
      return second;
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all(extraServers.map((server) => server.close()));
      await nexa.close();
      await database.close();
      await postgres?.[Symbol.asyncDispose]();
      await redis[Symbol.asyncDispose]();
    },
  };
}

export function clientFor(url: string, transport: Transport = 'ws'): NexaClient {
  return createNexaClient({ url, transport, WebSocket, EventSource, maxRetryDelayMs: 200 });
}

/** Every event of a task's messages, with batch groups flattened, in order. */
export function flatten(messages: ReadonlyArray<{ id: string; event: TaskMessage }>): TaskEvent[] {
  return messages.flatMap((message) => eventsOfMessage(message.event));
}

export async function collect<T>(iterable: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}
