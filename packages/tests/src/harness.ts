import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createUser, generateSecret } from '@nexa/auth';
import { createNexaClient, type NexaClient, type Transport } from '@nexa/client';
import { loadConfig, type NexaConfig } from '@nexa/config';
import { eventsOfMessage, type AiClassifier, type Role, type TaskEvent, type TaskMessage, type User } from '@nexa/contracts';
import { createUserStore, openDatabase, type DatabaseHandle } from '@nexa/db';
import { createLogger, type Logger } from '@nexa/observability';
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
  /** Keep every server log line (see `logs()`); set LOG_LEVEL in `env` to choose how much. */
  captureLogs?: boolean;
  /** Import the NCM table at start when the database has none (off by default: it takes seconds). */
  importNcmTable?: boolean;
  /** Where the server's and worker's log lines go (e.g. a pino logger writing into a test stream). */
  logger?: Logger;
}

export interface ClientOptions {
  transport?: Transport;
  /** An access token or API key; `null` for an anonymous client. Default: the test user's token. */
  token?: string | null;
  /** Another server instance; default the first one. */
  url?: string;
}

export interface TestUser {
  user: User;
  email: string;
  password: string;
  /** An access token from auth.login. */
  token: string;
  client(transport?: Transport): NexaClient;
}

export interface TestNexa {
  config: NexaConfig;
  redis: TestRedis;
  database: DatabaseHandle;
  databaseUrl: string | undefined;
  nexa: RunningNexa;
  /** The ordinary (non-admin) user every default client is signed in as. */
  user: User;
  token: string;
  /** A client signed in as the test user; pass `{ token: null }` for an anonymous one or another user's token. */
  client(transportOrOptions?: Transport | ClientOptions): NexaClient;
  /** A new account (created the way the CLI does) and an access token for it. */
  createUser(options?: { role?: Role; email?: string; password?: string; name?: string }): Promise<TestUser>;
  /** The server's log lines, when started with `captureLogs`. */
  logs(): string[];
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
    JWT_SECRET: generateSecret(),
    REDIS_URL: redis.url,
    NEXA_REDIS_PREFIX: redis.prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
    JOB_BACKOFF_MS: '20',
    SHUTDOWN_TIMEOUT_MS: '3000',
    AI_PROVIDER: 'deterministic',
    ...options.env,
  });
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const nexa = await startNexa({
    config,
    database,
    importNcmTable: options.importNcmTable ?? false,
    ...(options.classifier ? { classifier: options.classifier } : {}),
    ...(options.logger ? { logger: options.logger } : options.captureLogs ? { logger: createLogger({ level: config.LOG_LEVEL, destination: logStream }) } : {}),
  });
  const clients: NexaClient[] = [];
  const extraServers: RunningNexa[] = [];
  const users = createUserStore(database.db);

  const openClient = ({ transport = 'ws', token, url = nexa.url }: ClientOptions & { token: string | null }) => {
    const client = createNexaClient({ url, transport, WebSocket, EventSource, maxRetryDelayMs: 200, ...(token ? { token } : {}) });
    clients.push(client);
    return client;
  };

  async function newUser({ role = 'user', email, password, name }: { role?: Role; email?: string; password?: string; name?: string } = {}): Promise<TestUser> {
    const address = email ?? `${role}-${randomBytes(4).toString('hex')}@test.nexa.example`;
    const secret = password ?? `pw-${randomBytes(12).toString('hex')}`;
    const user = await createUser(users, { email: address, password: secret, name: name ?? null, role });
    if (!user) throw new Error(`a user ${address} already exists`);
    // Signs in through the API, then lets the connection go so it does not count among the test's own.
    const anonymous = createNexaClient({ url: nexa.url, transport: 'sse', EventSource });
    const { accessToken } = await anonymous.auth.login.mutate({ email: address, password: secret }).finally(() => anonymous.close());
    return { user, email: address, password: secret, token: accessToken, client: (transport = 'ws') => openClient({ transport, token: accessToken }) };
  }

  const testUser = await newUser();

  return {
    config,
    redis,
    database,
    databaseUrl: postgres?.url,
    nexa,
    user: testUser.user,
    token: testUser.token,
    client(transportOrOptions: Transport | ClientOptions = 'ws') {
      const options = typeof transportOrOptions === 'string' ? { transport: transportOrOptions } : transportOrOptions;
      return openClient({ ...options, token: options.token === undefined ? testUser.token : options.token });
    },
    createUser: newUser,
    logs: () => [...logLines],
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

/** A client of any Nexa at `url` (close it yourself); `token` signs it in. */
export function clientFor(url: string, transport: Transport = 'ws', { token }: { token?: string } = {}): NexaClient {
  return createNexaClient({ url, transport, WebSocket, EventSource, maxRetryDelayMs: 200, ...(token ? { token } : {}) });
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

/** Registers a fresh account on the Nexa at `url` over plain HTTP and returns its access token. */
export async function signUp(url: string): Promise<string> {
  const response = await fetch(`${url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `user-${randomBytes(4).toString('hex')}@test.nexa.example`, password: `pw-${randomBytes(12).toString('hex')}` }),
  });
  const body = (await response.json()) as { result?: { data: { accessToken: string } } };
  if (!body.result) throw new Error(`registration failed: ${JSON.stringify(body)}`);
  return body.result.data.accessToken;
}
