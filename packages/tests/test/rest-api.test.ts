import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ITEMS_PAGE_MAX } from '@nexa/contracts';
import { firstEdition } from '@nexa/testing';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestNexa, upload, type TestNexa } from '../src/index';

/** The test user's credential, sent with every request below as an API client would. */
let credential = '';
const fetch = (input: string, init: RequestInit = {}) =>
  globalThis.fetch(input, { ...init, headers: { authorization: `Bearer ${credential}`, ...(init.headers as Record<string, string> | undefined) } });

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
    credential = nexa.token;
    const admin = await nexa.createUser({ role: 'admin' });
    await admin.client().ncm.import.mutate({ source: path.join(dir, 'ncm.json') });
  });

  it('refuses every route without a credential', async () => {
    const anonymous = { authorization: '' };
    expect((await globalThis.fetch(`${url}/api/tasks/00000000-0000-4000-8000-000000000000`)).status).toBe(401);
    expect((await fetch(`${url}/api/ncm/8542.33.20`, { headers: anonymous })).status).toBe(401);
    const submit = await globalThis.fetch(`${url}/api/classifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ partnumber: 'ANON-1' }) });
    expect(submit.status).toBe(401);
    expect(((await submit.json()) as { code: string }).code).toBe('UNAUTHORIZED');
    const legacy = await globalThis.fetch(`${url}/classify-partnumber`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ partnumber: 'ANON-2' }) });
    expect(legacy.status).toBe(401);
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

  it('answers what Fastify refuses before a route runs, and unknown routes, as { code, message }, leaving /trpc’s answers as they were', async () => {
    const send = (route: string, contentType: string, body: string) => fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ['invalid JSON', send('/api/classifications', 'application/json', '{"partnumber":'), 400, 'BAD_REQUEST'],
      ['empty JSON body', send('/api/batches', 'application/json', ''), 400, 'BAD_REQUEST'],
      ['invalid JSON, earlier system', send('/classify-partnumber', 'application/json', 'nope'), 400, 'BAD_REQUEST'],
      ['body over BODY_LIMIT_BYTES', send('/api/classifications', 'application/json', JSON.stringify({ partnumber: 'BIG-1', description: 'x'.repeat(1_100_000) })), 413, 'FILE_TOO_LARGE'],
      ['a content type no route takes', send('/api/classifications', 'application/xml', '<partnumber>BC547</partnumber>'), 415, 'UNSUPPORTED_TYPE'],
      ['a CSV posted as the body of an upload', send('/api/uploads', 'text/csv', 'partnumber\nBC547\n'), 415, 'UNSUPPORTED_TYPE'],
      ['an unknown path', fetch(`${url}/api/tasks/00000000-0000-4000-8000-000000000000/nothing`), 404, 'NOT_FOUND'],
      ['an unknown method', fetch(`${url}/api/classifications`, { method: 'PUT' }), 404, 'NOT_FOUND'],
      ['the earlier system’s route by GET', fetch(`${url}/classify-partnumber`), 404, 'NOT_FOUND'],
    ];
    for (const [what, answer, status, code] of cases) {
      const response = await answer;
      expect(response.status, what).toBe(status);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body, what).toEqual({ code, message: expect.any(String) });
    }

    const trpc = await send('/trpc/classification.submit', 'application/json', '{"partnumber":');
    expect(trpc.status).toBe(400);
    expect(await trpc.json()).toMatchObject({ error: { data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'classification.submit' } } });
    const trpcTooLarge = await send('/trpc/classification.submit', 'application/json', JSON.stringify({ partnumber: 'BIG-2', description: 'x'.repeat(1_100_000) }));
    expect(trpcTooLarge.status).toBe(413);
    expect(await trpcTooLarge.json()).toMatchObject({ code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
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

  it('takes the Idempotency-Key header as the submission’s key, on classifications, batches and uploads', async () => {
    const keyed = (key: string) => ({ headers: { 'content-type': 'application/json', 'idempotency-key': key } });
    const submit = (key: string, body: unknown) => fetch(`${url}/api/classifications`, { method: 'POST', body: JSON.stringify(body), ...keyed(key) });
    const first = (await (await submit('erp-line-7001', { partnumber: 'IK-1' })).json()) as { taskId: string };
    const again = (await (await submit('erp-line-7001', { partnumber: 'IK-1', idempotencyKey: 'erp-line-7001' })).json()) as { taskId: string };
    expect(again.taskId).toBe(first.taskId);
    const differing = await submit('erp-line-7001', { partnumber: 'IK-1', idempotencyKey: 'erp-line-7002' });
    expect([differing.status, ((await differing.json()) as { code: string }).code]).toEqual([400, 'BAD_REQUEST']);

    const batch = () => fetch(`${url}/api/batches`, { method: 'POST', body: JSON.stringify({ items: [{ partnumber: 'IK-B1' }] }), ...keyed('erp-order-7001') });
    const batches = await Promise.all([batch(), batch()]);
    const batchIds = await Promise.all(batches.map(async (response) => ((await response.json()) as { taskId: string }).taskId));
    expect(batchIds[1]).toBe(batchIds[0]);

    const file = { bytes: 'Código\nIK-U1\n', name: 'pedido.csv', type: 'text/csv' };
    const uploads = [await upload(nexa, file, { idempotencyKey: 'erp-file-7001' }), await upload(nexa, file, { idempotencyKey: 'erp-file-7001' })];
    expect(uploads.map(({ status }) => status)).toEqual([201, 201]);
    expect(uploads[1]!.body.taskId).toBe(uploads[0]!.body.taskId);
    const unclear = await upload(nexa, file, { reclassify: 'maybe' });
    expect([unclear.status, unclear.body.message]).toEqual([400, 'reclassify must be true or false']);
  });

  it('pages a batch’s items, lists, cancels and deletes tasks (task.items, task.list, task.cancel, task.delete)', async () => {
    const submitted = await post('/api/batches', { name: 'paged', items: ['PG-1', 'PG-2', 'PG-3', 'PG-4', 'PG-5'].map((partnumber) => ({ partnumber })) });
    const { taskId } = (await submitted.json()) as { taskId: string };
    await readSse(`${url}/api/tasks/${taskId}/events`);

    const seqs: number[] = [];
    let cursor: number | null = null;
    do {
      const response = await fetch(`${url}/api/tasks/${taskId}/items?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<{ seq: number; partnumber: string; status: string }>; nextCursor: number | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seqs.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    const badLimit = await fetch(`${url}/api/tasks/${taskId}/items?limit=lots`);
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ path: 'limit' }] });
    expect((await fetch(`${url}/api/tasks/${taskId}/items?limit=1001`)).status).toBe(400);
    // The filter of task.items too: none of these items failed.
    expect(await (await fetch(`${url}/api/tasks/${taskId}/items?filter=failed`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await fetch(`${url}/api/tasks/${taskId}/items?filter=broken`)).status).toBe(400);

    const first = (await (await fetch(`${url}/api/tasks?limit=1`)).json()) as { items: Array<{ id: string; name: string | null; itemCount: number }>; nextCursor: string | null };
    expect(first.items).toEqual([expect.objectContaining({ id: taskId, name: 'paged', itemCount: 5 })]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const older = await fetch(`${url}/api/tasks?limit=100&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(older.status).toBe(200);
    expect(((await older.json()) as { items: Array<{ id: string }> }).items.map((task) => task.id)).not.toContain(taskId);
    const done = (await (await fetch(`${url}/api/tasks?status=done`)).json()) as { items: Array<{ status: string }> };
    expect(done.items.every((task) => task.status === 'done')).toBe(true);
    expect((await fetch(`${url}/api/tasks?status=finished`)).status).toBe(400);

    // Someone else's task is missing, for every route.
    const other = await nexa.createUser();
    const asOther = { authorization: `Bearer ${other.token}` };
    expect((await fetch(`${url}/api/tasks/${taskId}/items`, { headers: asOther })).status).toBe(404);
    expect((await fetch(`${url}/api/tasks/${taskId}/cancel`, { method: 'POST', headers: asOther })).status).toBe(404);
    expect((await fetch(`${url}/api/tasks/${taskId}`, { method: 'DELETE', headers: asOther })).status).toBe(404);
    expect(((await (await fetch(`${url}/api/tasks`, { headers: asOther })).json()) as { items: unknown[] }).items).toEqual([]);

    const cancel = await fetch(`${url}/api/tasks/${taskId}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ taskId, cancelled: false, status: 'done', counts: { total: 5, done: 5 } });
    const deleted = await fetch(`${url}/api/tasks/${taskId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ taskId, deleted: true });
    expect((await fetch(`${url}/api/tasks/${taskId}`)).status).toBe(404);
    expect((await fetch(`${url}/api/tasks/not-a-uuid`, { method: 'DELETE' })).status).toBe(400);
  });

  it('answers 204 to an EventSource resuming after the last event of a task that has ended, so it stops reconnecting', async () => {
    const single = (await (await post('/api/classifications', { partnumber: 'SSE-END-1' })).json()) as { taskId: string };
    const batch = (await (await post('/api/batches', { items: [{ partnumber: 'SSE-END-2' }, { partnumber: 'SSE-END-3' }] })).json()) as { taskId: string };
    for (const { taskId } of [single, batch]) {
      const replay = await readSse(`${url}/api/tasks/${taskId}/events`);
      expect(replay.status).toBe(200);
      const resumed = await fetch(`${url}/api/tasks/${taskId}/events`, { headers: { accept: 'text/event-stream', 'last-event-id': replay.messages.at(-1)!.id } });
      expect(resumed.status).toBe(204);
      expect(await resumed.text()).toBe('');

      // A standard EventSource gets the whole history, reconnects after it once, and stops at the 204.
      const statuses: number[] = [];
      const ids: string[] = [];
      const source = new EventSource(`${url}/api/tasks/${taskId}/events`, {
        fetch: async (input, init) => {
          const response = await globalThis.fetch(input, { ...init, headers: { ...init.headers, authorization: `Bearer ${credential}` } });
          statuses.push(response.status);
          return response;
        },
      });
      for (const type of ['result', 'events', 'batch_finished', 'queued', 'progress', 'item_result']) source.addEventListener(type, (message) => ids.push(message.lastEventId));
      await expect.poll(() => source.readyState, { timeout: 10_000 }).toBe(EventSource.CLOSED);
      expect(statuses).toEqual([200, 204]);
      expect(ids).toEqual(replay.messages.map((message) => message.id));
    }
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
        '/api/tasks',
        '/api/tasks/{taskId}',
        '/api/tasks/{taskId}/cancel',
        '/api/tasks/{taskId}/events',
        '/api/tasks/{taskId}/items',
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

    // Every operation needs the bearer credential; it answers the errors it can, and only those.
    const documented = doc as unknown as {
      security: unknown;
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }>; headers?: Record<string, unknown> }> }>>;
    };
    expect(documented.security).toEqual([{ bearer: [] }]);
    const operations = Object.entries(documented.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, ...operation })));
    for (const operation of operations) {
      expect(operation.security, operation.name).toBeUndefined();
      expect(Object.keys(operation.responses), operation.name).not.toContain('403');
    }
    const statusesOf = (path: string, method = 'post') => Object.keys(documented.paths[path]![method]!.responses);
    for (const path of ['/api/classifications', '/api/batches', '/api/uploads', '/classify-partnumber']) {
      expect(statusesOf(path), path).toEqual(expect.arrayContaining(['413', '429']));
      expect(documented.paths[path]!.post!.responses['429']!.headers, path).toHaveProperty('Retry-After');
    }
    expect(statusesOf('/api/tasks/{taskId}', 'delete')).toEqual(expect.arrayContaining(['200', '404']));
    // Query parameters come from the procedures' input schemas too.
    const itemsParameters = (doc.paths['/api/tasks/{taskId}/items']!.get as unknown as { parameters: Array<{ name: string; schema: unknown }> }).parameters;
    expect(itemsParameters.find((parameter) => parameter.name === 'limit')!.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: ITEMS_PAGE_MAX });
    for (const submission of ['/api/classifications', '/api/batches', '/api/uploads']) {
      const parameters = (doc.paths[submission]!.post as unknown as { parameters: Array<{ name: string; in: string }> }).parameters;
      expect(parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    }

    // The upload's answer has a schema of its own, naming exactly the fields an upload answers with.
    expect(documented.paths['/api/uploads']!.post!.responses['201']!.content!['application/json']!.schema.$ref).toBe('#/components/schemas/UploadOutput');
    const uploaded = await upload(nexa, { bytes: 'partnumber;quantidade\nUP-1;2\nUP-2;abc\n', name: 'po.csv', type: 'text/csv' });
    expect(uploaded.status).toBe(201);
    const uploadSchema = doc.components.schemas.UploadOutput as { required?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown };
    expect(Object.keys(uploadSchema.properties!).sort()).toEqual(Object.keys(uploaded.body).sort());
    expect(uploadSchema.required!.sort()).toEqual(Object.keys(uploaded.body).sort());
    expect(uploadSchema.additionalProperties).toBe(false);

    const page = await fetch(`${url}/api/docs`);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
  });
});
