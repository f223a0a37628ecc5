import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createNexaClient, type NexaClient } from '../src/index';

interface ReceivedMessage {
  id?: number;
  method?: string;
  params?: { path?: string; input?: unknown };
}

/** A WebSocket endpoint that records what a client sends and never answers. */
async function recordingServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/trpc' });
  await once(server, 'listening');
  const received: ReceivedMessage[] = [];
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const parsed = JSON.parse(String(data)) as ReceivedMessage | ReceivedMessage[];
      received.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits, turning the event loop with `setImmediate` only (timers may be frozen), until `done()` or the deadline. */
async function turnUntil(done: () => boolean, deadlineMs = 2_000): Promise<boolean> {
  const start = performance.now();
  while (!done() && performance.now() - start < deadlineMs) await new Promise((resolve) => setImmediate(resolve));
  return done();
}

const subscriptionsTo = (received: ReceivedMessage[], path: string) => received.filter((message) => message.method === 'subscription' && message.params?.path === path);

describe('requests over an open WebSocket', () => {
  let client: NexaClient | null = null;
  let server: Awaited<ReturnType<typeof recordingServer>> | null = null;

  afterEach(async () => {
    vi.useRealTimers();
    await client?.close();
    await server?.close();
  });

  it('leave at the end of the turn that made them, not after a timer', async () => {
    server = await recordingServer();
    client = createNexaClient({ url: server.url, WebSocket, token: 'a-token' });
    const first = client.watch('task-a')[Symbol.asyncIterator]();
    void first.next().catch(() => {});
    expect(await turnUntil(() => subscriptionsTo(server!.received, 'classification.events').length === 1)).toBe(true);
    expect(client.connectionState).toBe('live');

    // With timers frozen, only a send scheduled for the end of the turn can leave.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const second = client.watch('task-b')[Symbol.asyncIterator]();
    const third = client.watch('task-c')[Symbol.asyncIterator]();
    void second.next().catch(() => {});
    void third.next().catch(() => {});
    expect(await turnUntil(() => subscriptionsTo(server!.received, 'classification.events').length === 3)).toBe(true);
    expect(subscriptionsTo(server.received, 'classification.events').map((message) => (message.params?.input as { taskId: string }).taskId)).toEqual([
      'task-a',
      'task-b',
      'task-c',
    ]);
  });
});
