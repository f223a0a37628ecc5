import { aiProgressMessage, type AiProgressMessage } from '@nexa/contracts';
import { createReferenceEngine, parseNcmTable } from '@nexa/engine';
import { createTestRedis, firstEdition, type TestRedis } from '@nexa/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAiServer, type RunningAiServer } from '../src/index';

const TOKEN = 'test-token-123';
const engine = createReferenceEngine({ table: parseNcmTable(firstEdition), onDate: '2025-06-01' });

describe('the reference AI server over HTTP and Redis', () => {
  let redis: TestRedis;
  let subscriber: Redis;
  let server: RunningAiServer;
  let channelSeq = 0;

  beforeAll(async () => {
    redis = createTestRedis();
    subscriber = redis.connect();
    server = await startAiServer({ engine, redisUrl: redis.url, token: TOKEN, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server.close();
    await redis[Symbol.asyncDispose]();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  /** Subscribes to a fresh channel first, then runs `send`, and collects the messages up to the terminal one. */
  async function messagesOf(send: (channel: string) => Promise<Response>) {
    const channel = `${redis.prefix}:progress:${++channelSeq}`;
    const messages: AiProgressMessage[] = [];
    let finished: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const onMessage = (from: string, raw: string) => {
      if (from !== channel) return;
      const message = aiProgressMessage.parse(JSON.parse(raw));
      messages.push(message);
      if (message.status === 'done' || message.status === 'failed') finished();
    };
    subscriber.on('message', onMessage);
    await subscriber.subscribe(channel);
    const response = await send(channel);
    expect(response.status).toBe(202);
    const { job_id } = (await response.json()) as { job_id: string };
    await ended;
    subscriber.off('message', onMessage);
    await subscriber.unsubscribe(channel);
    expect(messages.every((message) => message.job_id === job_id)).toBe(true);
    return messages;
  }

  it('classifies a single partnumber: 202 {job_id}, processing messages, then done with the result and Nexa extensions', async () => {
    const messages = await messagesOf((channel) =>
      post('/process/single_partnumber', { progress_channel: channel, partnumber: 'LM358DR', description: 'amplificador operacional', manufacturer: 'Texas Instruments' }),
    );
    expect(messages.map((m) => m.status)).toEqual(['processing', 'processing', 'done']);
    expect(messages[0]).toMatchObject({ progress: { current: 1, total: 2 } });
    const done = messages.at(-1)!;
    if (done.status !== 'done' || !('partnumber' in done.result)) throw new Error('expected a single result');
    expect(done.result).toMatchObject({
      partnumber: 'LM358DR',
      ncm: '85423320',
      description: 'amplificador operacional',
      fabricante: 'Texas Instruments',
      exception: null,
      pais: null,
      nexa: { engine: 'nexa-reference', tableVersion: 'Vigente em 01/01/2025' },
    });
    expect(done.result.confidence_score).toBeGreaterThan(0);
    expect(done.result.nexa?.candidates[0]?.path).toContain('Circuitos integrados');
  });

  it('classifies a batch with a partial_result per partnumber and a done carrying every result', async () => {
    const messages = await messagesOf((channel) =>
      post('/process/batch_partnumbers', {
        progress_channel: channel,
        partnumbers: { '6205-2RS': { description: 'rolamento de esferas radial' }, LM358: { description: 'amplificador operacional' } },
      }),
    );
    expect(messages.map((m) => m.status)).toEqual(['processing', 'partial_result', 'processing', 'partial_result', 'done']);
    const partial = messages[1]!;
    expect(partial).toMatchObject({ status: 'partial_result', current: 1, total: 2, single_classification: { partnumber: '6205-2RS', ncm: '84821010' } });
    const done = messages.at(-1)!;
    if (done.status !== 'done' || !('results' in done.result)) throw new Error('expected a batch result');
    expect(Object.keys(done.result.results)).toEqual(['6205-2RS', 'LM358']);
    expect(done.result.errors).toEqual({});
  });

  it('publishes failed, not retryable, when the part cannot be classified', async () => {
    const messages = await messagesOf((channel) => post('/process/single_partnumber', { progress_channel: channel, partnumber: 'ZZ-000' }));
    expect(messages.at(-1)).toMatchObject({ status: 'failed', error: expect.stringContaining('no NCM code matches partnumber ZZ-000'), retryable: false });
  });

  it('answers 401 with a JSON error without the bearer token, or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const response = await post('/process/single_partnumber', { progress_channel: 'x', partnumber: 'ABC' }, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    }
  });

  it('answers 400 with a JSON error naming each invalid field, and for a body that is not JSON', async () => {
    const invalid = await post('/process/single_partnumber', { progress_channel: 'bad channel*', partnumber: 42 });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: string; issues: Array<{ path: string }> };
    expect(body.error).toBe('bad_request');
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['partnumber', 'progress_channel']);

    const emptyBatch = await post('/process/batch_partnumbers', { progress_channel: 'ok', partnumbers: {} });
    expect(emptyBatch.status).toBe(400);

    const notJson = await post('/process/single_partnumber', '{"partnumber":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'bad_request' });
  });

  it('answers 404 with a JSON error for unknown routes, and /healthz without a token', async () => {
    const unknown = await post('/process/nothing', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', engine: 'nexa-reference', tableVersion: 'Vigente em 01/01/2025', codes: engine.size });
  });
});
