import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstEdition } from '@nexa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestNexa, type TestNexa } from '../src/index';

interface SseMessage {
  id: string;
  event: string;
  data: { type: string; [key: string]: unknown };
}

/** Reads a whole server-sent event stream (it ends after the task's last event). */
async function readSse(url: string, headers: Record<string, string> = {}): Promise<{ status: number; messages: SseMessage[] }> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  const messages = text
    .split('\n\n')
    .map((block) => Object.fromEntries(block.split('\n').filter((line) => /^(id|event|data): /.test(line)).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])))
    .filter((fields) => fields.data)
    .map((fields) => ({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data!) }));
  return { status: response.status, messages };
}

describe('REST API under /api', () => {
  let nexa: TestNexa;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    nexa = await startTestNexa();
    url = nexa.nexa.url;
    dir = await mkdtemp(path.join(tmpdir(), 'nexa-rest-'));
    await writeFile(path.join(dir, 'ncm.json'), JSON.stringify(firstEdition));
    await nexa.client().ncm.import.mutate({ source: path.join(dir, 'ncm.json') });
  });
  afterAll(async () => {
    await nexa[Symbol.asyncDispose]();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (route: string, body: unknown) =>
    fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('POST /api/classifications queues (202), the task reads back, and its events stream as SSE and resume after Last-Event-ID', async () => {
    const response = await post('/api/classifications', { partnumber: 'rest-1', description: 'parafuso de aço' });
    expect(response.status).toBe(202);
    const submitted = (await response.json()) as { taskId: string; status: string };
    expect(submitted.status).toBe('queued');

    const stream = await readSse(`${url}/api/tasks/${submitted.taskId}/events`);
    expect(stream.status).toBe(200);
    expect(stream.messages[0]!.data.type).toBe('queued');
    expect(stream.messages.at(-1)).toMatchObject({ event: 'result', data: { type: 'result', taskId: submitted.taskId } });
    expect(stream.messages.every((message) => /^\d+-\d+$/.test(message.id))).toBe(true);

    const resumed = await readSse(`${url}/api/tasks/${submitted.taskId}/events`, { 'last-event-id': stream.messages[0]!.id });
    expect(resumed.messages.map((message) => message.id)).toEqual(stream.messages.slice(1).map((message) => message.id));
    const byQuery = await readSse(`${url}/api/tasks/${submitted.taskId}/events?lastEventId=${stream.messages.at(-2)!.id}`);
    expect(byQuery.messages.map((message) => message.id)).toEqual([stream.messages.at(-1)!.id]);

    const task = await fetch(`${url}/api/tasks/${submitted.taskId}`);
    expect(task.status).toBe(200);
    expect(await task.json()).toMatchObject({ id: submitted.taskId, status: 'done', partnumber: 'REST-1', classifications: [{ partnumber: 'REST-1' }] });

    const again = await post('/api/classifications', { partnumber: 'REST-1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'done' });
  });

  it('answers bad input with 400 JSON naming each field, unknown tasks with 404, unknown routes with 404', async () => {
    const bad = await post('/api/classifications', { partnumber: 'x', description: 5 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string; fieldErrors: Array<{ path: string; message: string }> };
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.fieldErrors.map((field) => field.path).sort()).toEqual(['description', 'partnumber']);
    expect(body.message).toContain('partnumber must have at least 3 characters');

    expect((await post('/api/classifications', 'not json at all')).status).toBe(400);
    const notUuid = await fetch(`${url}/api/tasks/not-a-uuid`);
    expect(notUuid.status).toBe(400);
    expect(await notUuid.json()).toMatchObject({ code: 'BAD_REQUEST' });
    const unknown = await fetch(`${url}/api/tasks/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
    const unknownEvents = await fetch(`${url}/api/tasks/00000000-0000-4000-8000-000000000000/events`);
    expect(unknownEvents.status).toBe(404);
    expect(await unknownEvents.json()).toMatchObject({ code: 'NOT_FOUND' });
    const badResume = await fetch(`${url}/api/tasks/00000000-0000-4000-8000-000000000000/events`, { headers: { 'last-event-id': 'nonsense' } });
    expect(badResume.status).toBe(404);
    expect((await fetch(`${url}/api/nothing-here`)).status).toBe(404);
  });

  it('POST /api/batches queues a batch whose events stream as SSE to batch_finished', async () => {
    const response = await post('/api/batches', { items: [{ partnumber: 'RB-1' }, { partnumber: 'RB-2', quantity: 3 }] });
    expect(response.status).toBe(202);
    const batch = (await response.json()) as { taskId: string; total: number };
    expect(batch.total).toBe(2);
    const stream = await readSse(`${url}/api/tasks/${batch.taskId}/events`);
    const types = stream.messages.flatMap((message) => (message.data.type === 'events' ? (message.data.events as Array<{ type: string }>).map((e) => e.type) : [message.data.type]));
    expect(types.at(-1)).toBe('batch_finished');
    expect((await post('/api/batches', { items: [] })).status).toBe(400);
  });

  it('GET /api/ncm/:code and /api/ncm?query= answer from the NCM table', async () => {
    const entry = await fetch(`${url}/api/ncm/8542.33.20`);
    expect(entry.status).toBe(200);
    expect(await entry.json()).toMatchObject({ code: '85423320' });
    expect((await fetch(`${url}/api/ncm/99999999`)).status).toBe(404);
    expect((await fetch(`${url}/api/ncm/abc`)).status).toBe(400);
    const hits = await fetch(`${url}/api/ncm?query=${encodeURIComponent('circuitos integrados')}&limit=3`);
    expect(hits.status).toBe(200);
    const list = (await hits.json()) as Array<{ code: string }>;
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(3);
    expect((await fetch(`${url}/api/ncm?query=x`)).status).toBe(400);
    expect((await fetch(`${url}/api/ncm`)).status).toBe(400);
  });

  it('POST /classify-partnumber answers in the earlier system’s shape, waiting for the result with ?wait=', async () => {
    const response = await post('/classify-partnumber?wait=20', { partnumber: 'legacy-1', description: 'parafuso', manufacturer: 'ACME' });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { task_id: string; status: string; classifications: Array<Record<string, unknown>> };
    expect(answer.status).toBe('done');
    expect(answer.classifications).toHaveLength(1);
    expect(answer.classifications[0]).toMatchObject({ partnumber: 'LEGACY-1', fabricante: expect.anything(), pais: null });
    expect(answer.classifications[0]!.ncm).toMatch(/^\d{8}$/);
    expect(typeof answer.classifications[0]!.confidence_score).toBe('number');

    const queued = await post('/classify-partnumber', { partnumber: 'legacy-2' });
    expect(queued.status).toBe(202);
    const early = (await queued.json()) as { task_id: string; status: string; classifications: unknown[] };
    expect(early).toMatchObject({ status: 'queued', classifications: [] });
    await collect(nexa.client().watch(early.task_id));

    const bad = await post('/classify-partnumber', { description: 'no partnumber' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ path: 'partnumber' }] });
  });

  it('serves an OpenAPI 3.1 document derived from the contracts, and a docs page', async () => {
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { maxLength?: number; minLength?: number }> }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/batches',
        '/api/classifications',
        '/api/ncm',
        '/api/ncm/{code}',
        '/api/tasks/{taskId}',
        '/api/tasks/{taskId}/events',
        '/api/tasks/{taskId}/export.csv',
        '/api/tasks/{taskId}/export.xlsx',
        '/api/uploads',
        '/classify-partnumber',
      ].sort(),
    );
    const submit = doc.components.schemas.SubmitInput!;
    expect(submit.required).toContain('partnumber');
    expect(submit.properties!.partnumber).toMatchObject({ minLength: 3, maxLength: 64 });
    expect(doc.components.schemas.SubmitBatchInput!.required).toContain('items');
    // Every $ref points at a schema that exists; every operation answers something.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!]).toBeDefined();
    for (const operations of Object.values(doc.paths)) for (const operation of Object.values(operations)) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);

    const page = await fetch(`${url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
  });
});
