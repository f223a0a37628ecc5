import { withCorrelationId } from '@nexa/observability';
import type { AiClassifier } from '@nexa/contracts';
import { createReferenceEngine, parseNcmTable } from '@nexa/engine';
import { firstEdition, startFakeServer, type FakeServer } from '@nexa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNcmReference, createOpenAiClassifier } from '../src/index';


const table = parseNcmTable(firstEdition);
const reference = createNcmReference(createReferenceEngine({ table }), table.entries);

/** Stands in for an OpenAI-compatible chat-completions API; the test sets what the model "says". */
describe('the openai classifier against a chat-completions server', () => {
  let api: FakeServer;
  let reply: { status: number; content: string | null; raw?: string };
  let classifier: AiClassifier;

  beforeAll(async () => {
    api = await startFakeServer((_body, response) => {
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(
        reply.raw ??
          JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: 'test-model', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content } }] }),
      );
    });
    classifier = createOpenAiClassifier({ baseUrl: `${api.url}/v1`, apiKey: 'sk-test', model: 'test-model', reference, timeoutMs: 5000 });
  });
  afterAll(() => api.close());

  const classify = () =>
    classifier.classify({ partnumber: 'LM358DR', description: 'amplificador operacional', manufacturer: 'TI' }, { signal: new AbortController().signal, onProgress: () => {} });

  it('sends the engine’s candidates with their paths and uses a valid reply', async () => {
    reply = { status: 200, content: '```json\n{"code":"8542.33.20","confidence":0.92,"alternatives":["85423390","99999999"],"justification":"Amplificador operacional integrado."}\n```' };
    const before = api.requests.length;
    const outcome = await classify();
    expect(outcome).toEqual({
      ncm: '85423320',
      description: 'amplificador operacional',
      manufacturer: 'TI',
      country: null,
      confidence: 0.92,
      alternatives: [],
      justification: 'Amplificador operacional integrado.',
      engine: 'openai:test-model',
    });
    const request = api.requests[before]!;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['x-correlation-id']).toBeUndefined();
    const body = request.body as { model: string; response_format: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.model).toBe('test-model');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[1]!.content).toContain('85423320 — Máquinas, aparelhos e materiais elétricos, e suas partes. > Circuitos integrados eletrônicos.');
  });

  it('passes the job’s correlation id on in x-correlation-id', async () => {
    reply = { status: 200, content: '{"code":"85423320","confidence":0.9,"justification":"ok"}' };
    const before = api.requests.length;
    await withCorrelationId('order-9-line-2', classify);
    expect(api.requests[before]!.headers['x-correlation-id']).toBe('order-9-line-2');
  });

  it.each([
    ['invalid JSON', 'the code is 85423320', /fallback: the reply was not JSON/],
    ['a reply missing fields', '{"code":"85423320"}', /fallback: the reply did not match .*confidence/],
    ['a code that does not exist', '{"code":"99999999","confidence":0.9,"justification":"made up"}', /fallback: the reply named "99999999", which is not an NCM code in force/],
    ['an empty message', null, /fallback: the reply was empty/],
  ])('falls back to the engine’s answer on %s', async (_case, content, engineName) => {
    reply = { status: 200, content };
    const outcome = await classify();
    expect(outcome.ncm).toBe('85423320');
    expect(outcome.engine).toMatch(/^nexa-reference \(/);
    expect(outcome.engine).toMatch(engineName);
  });

  it('falls back when the API answer itself is not a chat completion', async () => {
    reply = { status: 200, content: null, raw: '<html>proxy page</html>' };
    expect((await classify()).engine).toBe('nexa-reference (fallback: the API answer was not JSON)');
  });

  it('fails the attempt (so the worker retries) when the API answers an error status', async () => {
    reply = { status: 429, content: null, raw: '{"error":{"message":"rate limited"}}' };
    await expect(classify()).rejects.toThrow('the AI API answered 429: {"error":{"message":"rate limited"}}');
  });
});
