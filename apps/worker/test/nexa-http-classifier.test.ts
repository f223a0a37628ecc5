import { startAiServer, type RunningAiServer } from '@nexa/ai-server';
import { ClassifierRefusal, type AiClassifier, type ClassifyProgress } from '@nexa/contracts';
import { createReferenceEngine, parseNcmTable } from '@nexa/engine';
import { createSharedChannelSubscriber, redisNames, type SharedChannelSubscriber } from '@nexa/queue';
import { closedPortUrl, createTestRedis, firstEdition, startFakeServer, type TestRedis } from '@nexa/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNexaHttpClassifier } from '../src/index';


const TOKEN = 'worker-test-token';
const engine = createReferenceEngine({ table: parseNcmTable(firstEdition) });

describe('the nexa-http classifier', () => {
  let redis: TestRedis;
  let channels: SharedChannelSubscriber;
  let publisher: Redis;
  let aiServer: RunningAiServer;

  beforeAll(async () => {
    redis = createTestRedis();
    channels = createSharedChannelSubscriber(redis.connect());
    publisher = redis.connect();
    aiServer = await startAiServer({ engine, redisUrl: redis.url, token: TOKEN, logLevel: 'silent' });
  });
  afterAll(async () => {
    await aiServer.close();
    await redis[Symbol.asyncDispose]();
  });

  const classifierFor = (serverUrl: string, overrides: { token?: string; timeoutMs?: number } = {}): AiClassifier =>
    createNexaHttpClassifier({
      serverUrl,
      token: overrides.token ?? TOKEN,
      timeoutMs: overrides.timeoutMs ?? 20_000,
      channels,
      channelFor: redisNames(redis.prefix).aiProgressChannel,
    });

  const run = (classifier: AiClassifier, partnumber: string, description?: string) => {
    const progress: ClassifyProgress[] = [];
    const outcome = classifier.classify(
      { partnumber, ...(description ? { description } : {}) },
      { signal: new AbortController().signal, onProgress: (step) => void progress.push(step) },
    );
    return { outcome, progress };
  };

  it('posts the job, follows its progress on a fresh channel and maps the result; channels are released', async () => {
    const { outcome, progress } = run(classifierFor(aiServer.url), 'LM358DR', 'amplificador operacional');
    expect(await outcome).toMatchObject({
      ncm: '85423320',
      description: 'amplificador operacional',
      manufacturer: null,
      country: null,
      engine: 'nexa-reference',
      justification: expect.stringContaining('8542.33.20'),
    });
    expect(progress.map((step) => step.message)).toEqual(['Searching the NCM table', 'Choosing the NCM code']);
    const many = await Promise.all(['A1', 'B2', 'C3'].map((pn) => run(classifierFor(aiServer.url), `PN-${pn}`, 'rolamento de esferas radial').outcome));
    expect(many.map((o) => o.ncm)).toEqual(['84821010', '84821010', '84821010']);
    expect(channels.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('fails with the status and body when the token is wrong', async () => {
    await expect(run(classifierFor(aiServer.url, { token: 'not-the-token' }), 'LM358').outcome).rejects.toThrow(/answered 401: .*unauthorized/);
  });

  it('fails with the AI server’s own reason when it publishes failed, as a refusal not to retry when it says so', async () => {
    const refused = run(classifierFor(aiServer.url), 'NO-DESCRIPTION-1').outcome;
    await expect(refused).rejects.toThrow(/^no NCM code matches partnumber NO-DESCRIPTION-1/);
    await expect(refused).rejects.toBeInstanceOf(ClassifierRefusal);
  });

  it('fails clearly when the AI server is down', async () => {
    const url = await closedPortUrl();
    await expect(run(classifierFor(url), 'DOWN-1', 'chip').outcome).rejects.toThrow(new RegExp(`the AI server at ${url} is unreachable: .*ECONNREFUSED`));
  });

  it('fails with the status and body on a 5xx answer', async () => {
    const fake = await startFakeServer((_body, response) => response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}'));
    await expect(run(classifierFor(fake.url), 'FIVE-1', 'chip').outcome).rejects.toThrow('the AI server answered 503: {"error":"overloaded"}');
    await fake.close();
  });

  it('gives up after AI_TIMEOUT_MS when the AI server accepts the job and never publishes', async () => {
    const fake = await startFakeServer((_body, response) => response.writeHead(202).end('{"job_id":"silent"}'));
    await expect(run(classifierFor(fake.url, { timeoutMs: 300 }), 'SILENT-1', 'chip').outcome).rejects.toThrow(/did not finish within 300 ms/);
    expect(channels.stats().channels).toBe(0);
    await fake.close();
  });

  it('fails the attempt with the schema’s reason when a message is malformed, even one sent before the 202', async () => {
    const fake = await startFakeServer(async (body: { progress_channel: string }, response) => {
      await publisher.publish(body.progress_channel, JSON.stringify({ status: 'processing', job_id: 'j1', progress: { current: 1, total: 2, message: 'x' } }));
      await publisher.publish(body.progress_channel, JSON.stringify({ status: 'done', job_id: 'j1', result: { partnumber: 'X', ncm: 'abc', description: 'x', confidence_score: 3 } }));
      response.writeHead(202).end('{"job_id":"j1"}');
    });
    const attempt = run(classifierFor(fake.url), 'MALFORMED-1', 'chip');
    await expect(attempt.outcome).rejects.toThrow(/malformed message: .*result/);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    await fake.close();

    const notJson = await startFakeServer(async (body: { progress_channel: string }, response) => {
      response.writeHead(202).end('{"job_id":"j2"}');
      setTimeout(() => void publisher.publish(body.progress_channel, 'not json'), 20);
    });
    await expect(run(classifierFor(notJson.url), 'MALFORMED-2', 'chip').outcome).rejects.toThrow(/malformed message \(not JSON\): not json/);
    await notJson.close();
  });

  it('stops waiting when the worker aborts the attempt', async () => {
    const fake = await startFakeServer((_body, response) => response.writeHead(202).end('{"job_id":"held"}'));
    const controller = new AbortController();
    const outcome = classifierFor(fake.url).classify({ partnumber: 'ABORT-1' }, { signal: controller.signal, onProgress: () => {} });
    setTimeout(() => controller.abort(), 50);
    await expect(outcome).rejects.toThrow('the classification was cancelled');
    await fake.close();
  });
});
