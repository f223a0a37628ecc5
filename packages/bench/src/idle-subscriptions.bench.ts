/**
 * 10,000 idle WebSocket subscriptions on one server process: the server's memory per connection,
 * and how long one event takes to reach all of them (fan-out latency).
 *
 * The server runs as its own process (so its memory is its own); the clients are raw WebSockets
 * speaking tRPC's protocol, one subscription each, all watching the same waiting task.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createEventLog, redisNames } from '@nexa/queue';
import { createPostgresTestDatabase, createTestRedis, waitFor } from '@nexa/testing';
import WebSocket from 'ws';
import { percentile, round, writeResult } from './results';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const serverDir = fileURLToPath(new URL('../../../apps/server/', import.meta.url));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

await using redis = createTestRedis();
await using postgres = await createPostgresTestDatabase();
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: serverDir,
  env: {
    ...process.env,
    REDIS_URL: redis.url,
    NEXA_REDIS_PREFIX: redis.prefix,
    DATABASE_URL: postgres.url,
    JWT_SECRET: randomBytes(48).toString('base64'),
    PORT: '0',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
const url = await waitFor(() => /listening at (http:\/\/\S+)/.exec(output)?.[1], 60_000, 'the server to start');

async function call(path: string, input: unknown, token?: string) {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { result?: { data: any }; error?: unknown };
}

// The bench signs up an account of its own; every subscription sends its token.
const email = `bench-${Date.now()}@example.com`;
await call('auth.register', { email, password: 'bench-password-123' });
const login = await call('auth.login', { email, password: 'bench-password-123' });
const token: string = login.result!.data.accessToken;
const submitted = await call('classification.submit', { partnumber: `IDLE-${Date.now()}` }, token);
const taskId: string = submitted.result!.data.taskId;

const baselineMb = await rssMb(server.pid!);
const sockets: WebSocket[] = [];
const receivedAt: number[] = [];
let subscribed = 0;
const wsUrl = `${url.replace(/^http/, 'ws')}/trpc?connectionParams=1`;
const openStarted = performance.now();
for (let opened = 0; opened < CONNECTIONS; opened += 500) {
  await Promise.all(
    Array.from({ length: Math.min(500, CONNECTIONS - opened) }, () =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(wsUrl);
        sockets.push(socket);
        socket.once('error', reject);
        socket.once('open', () => {
          socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
          socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'classification.events', input: { taskId } } }));
        });
        socket.on('message', (raw) => {
          const message = JSON.parse(raw.toString()) as { result?: { type: string; data?: { data?: { type?: string } } } };
          if (message.result?.type === 'started') {
            subscribed += 1;
            resolve();
          }
          if (message.result?.type === 'data' && message.result.data?.data?.type === 'progress') receivedAt.push(performance.now());
        });
      }),
    ),
  );
}
const openSeconds = (performance.now() - openStarted) / 1000;
await new Promise((resolve) => setTimeout(resolve, 2000));
const loadedMb = await rssMb(server.pid!);

const events = createEventLog(redis.connect(), redisNames(redis.prefix), { ttlSeconds: 600 });
const publishedAt = performance.now();
await events.append({ type: 'progress', taskId, current: 1, total: 2, message: 'fan-out probe' });
await waitFor(() => (receivedAt.length >= CONNECTIONS ? true : undefined), 60_000, 'every subscriber to receive the event');
const fanOut = receivedAt.map((at) => at - publishedAt).sort((a, b) => a - b);

await writeResult('idle-subscriptions', {
  connections: CONNECTIONS,
  subscribed,
  secondsToOpenAll: round(openSeconds),
  serverRssMb: { baseline: round(baselineMb, 1), with10kSubscriptions: round(loadedMb, 1) },
  serverKbPerConnection: round(((loadedMb - baselineMb) * 1024) / CONNECTIONS, 1),
  fanOutMs: { p50: round(percentile(fanOut, 50)), p99: round(percentile(fanOut, 99)), max: round(fanOut.at(-1) ?? 0) },
  targets: { serverMemoryMbAtMost: 1024 },
});
for (const socket of sockets) socket.terminate();
server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
process.exit(0);
