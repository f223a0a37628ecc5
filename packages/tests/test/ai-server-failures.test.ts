import { tables } from '@nexa/db';
import { closedPortUrl, startFakeServer, type FakeServer } from '@nexa/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, startTestNexa } from '../src/index';

/** Misbehaving stand-ins for a third-party AI server speaking the Nexa AI protocol. */
const misbehaviours = {
  'is down (connection refused)': { start: null, reason: /the AI server at .* is unreachable: .*ECONNREFUSED/ },
  'answers 5xx': {
    start: () => startFakeServer((_body, response) => response.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"bad gateway"}')),
    reason: /the AI server answered 502: \{"error":"bad gateway"\}/,
  },
  'never publishes': {
    start: () => startFakeServer((_body, response) => response.writeHead(202).end('{"job_id":"forever"}')),
    reason: /did not finish within 300 ms|did not answer within 300 ms/,
  },
  'publishes malformed messages': {
    start: (publisher: Redis) =>
      startFakeServer((body: { progress_channel: string }, response) => {
        response.writeHead(202).end('{"job_id":"m1"}');
        setTimeout(() => void publisher.publish(body.progress_channel, JSON.stringify({ status: 'done', job_id: 'm1', result: { ncm: 'not a code' } })), 10);
      }),
    reason: /the AI server sent a malformed message: /,
  },
} as const;

describe('when the AI server misbehaves, the task fails after its retries with a clear reason', () => {
  const publisher = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  afterAll(() => publisher.quit());

  it.each(Object.entries(misbehaviours))('the AI server %s', async (_case, { start, reason }) => {
    const fake: FakeServer | null = start ? await start(publisher) : null;
    const url = fake?.url ?? (await closedPortUrl());
    try {
      await using nexa = await startTestNexa({
        env: { AI_PROVIDER: 'nexa-http', AI_SERVER_URL: url, AI_TIMEOUT_MS: '300', JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '20' },
      });
      const client = nexa.client();
      const events = await collect(client.classify({ partnumber: 'MISBEHAVE-1', description: 'chip' }));
      const retries = events.filter((e) => e.event.type === 'progress' && e.event.message.startsWith('Attempt 1 of 2 failed'));
      expect(retries).toHaveLength(1);
      const last = events.at(-1)!.event;
      expect(last.type).toBe('failed');
      if (last.type === 'failed') expect(last.error).toMatch(reason);
      if (fake) expect(fake.requests).toHaveLength(2);

      const task = await client.task.get.query({ taskId: last.taskId });
      expect(task.status).toBe('failed');
      expect(task.error).toMatch(reason);
      expect(task.classifications).toEqual([]);
      // Nothing is left half-done: no item still queued or processing.
      const items = await nexa.database.db.select({ status: tables.taskItems.status }).from(tables.taskItems);
      expect(items).toEqual([{ status: 'failed' }]);
    } finally {
      await fake?.close();
    }
  });
});
