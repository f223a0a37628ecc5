import { tables } from '@nexa/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { captureLogs, collect, startTestNexa } from '../src/index';

async function submitOverHttp(url: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/trpc/classification.submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { result: { data: { taskId: string } } };
  return { correlationId: response.headers.get('x-correlation-id'), taskId: json.result.data.taskId };
}

describe('one correlation id for the whole story', () => {
  it('follows x-correlation-id from the request log line to the task row, the job, the AI call and every event', async () => {
    const logs = captureLogs();
    await using nexa = await startTestNexa({ logger: logs.logger });
    const correlationId = 'order-4711-line-3';

    const submitted = await submitOverHttp(nexa.nexa.url, nexa.token, { partnumber: 'CORR-1', description: 'parafuso de aço' }, { 'x-correlation-id': correlationId });
    expect(submitted.correlationId).toBe(correlationId);
    const events = await collect(nexa.client().watch(submitted.taskId));
    expect(events.at(-1)!.event.type).toBe('result');

    const [row] = await nexa.database.db.select({ correlationId: tables.tasks.correlationId }).from(tables.tasks).where(eq(tables.tasks.id, submitted.taskId));
    expect(row!.correlationId).toBe(correlationId);

    const story = logs.lines().filter((line) => line.correlationId === correlationId);
    const messages = story.map((line) => `${line.process}: ${line.msg}`);
    expect(messages).toContain('server: request completed');
    expect(story.find((line) => line.msg === 'request completed')).toMatchObject({ route: '/trpc/:path', statusCode: 200, method: 'POST' });
    expect(messages).toContain('worker: job started');
    expect(messages).toContain('worker: ai call answered');
    expect(messages).toContain('worker: job completed');
    expect(story.filter((line) => line.msg === 'job completed')[0]).toMatchObject({ taskId: submitted.taskId, job: 'classify' });
    // Every event the worker appended for this task was logged with the same id.
    const appended = logs.lines().filter((line) => line.msg === 'event appended' && line.taskId === submitted.taskId);
    expect(appended.map((line) => line.event)).toEqual(expect.arrayContaining(['progress', 'result']));
    expect(appended.every((line) => line.correlationId === correlationId)).toBe(true);
  });

  it('accepts x-request-id, and makes up an id when none (or an unusable one) is sent', async () => {
    const logs = captureLogs();
    await using nexa = await startTestNexa({ logger: logs.logger });

    const fromRequestId = await submitOverHttp(nexa.nexa.url, nexa.token, { partnumber: 'CORR-2' }, { 'x-request-id': 'req-abc' });
    expect(fromRequestId.correlationId).toBe('req-abc');

    const made = await submitOverHttp(nexa.nexa.url, nexa.token, { partnumber: 'CORR-3' }, { 'x-correlation-id': 'has spaces and ünïcode' });
    expect(made.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await nexa.database.db.select({ correlationId: tables.tasks.correlationId }).from(tables.tasks).where(eq(tables.tasks.id, made.taskId));
    expect(row!.correlationId).toBe(made.correlationId);
  });

  it('gives a batch one id, carried by its fan-out job into every item job', async () => {
    const logs = captureLogs();
    await using nexa = await startTestNexa({ logger: logs.logger });
    const response = await fetch(`${nexa.nexa.url}/trpc/classification.submitBatch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nexa.token}`, 'x-correlation-id': 'batch-77' },
      body: JSON.stringify({ items: [{ partnumber: 'B-1' }, { partnumber: 'B-2' }, { partnumber: 'B-3' }] }),
    });
    const { taskId } = ((await response.json()) as { result: { data: { taskId: string } } }).result.data;
    await collect(nexa.client().watch(taskId));

    const completed = logs.lines().filter((line) => line.msg === 'job completed' && line.taskId === taskId);
    expect(completed.map((line) => line.job).sort()).toEqual(['classify', 'classify', 'classify', 'fan-out']);
    expect(completed.every((line) => line.correlationId === 'batch-77')).toBe(true);
  });

  it('gives a WebSocket submission an id of its own, stored on the task', async () => {
    await using nexa = await startTestNexa();
    const submitted = await nexa.client('ws').classification.submit.mutate({ partnumber: 'CORR-WS' });
    const [row] = await nexa.database.db.select({ correlationId: tables.tasks.correlationId }).from(tables.tasks).where(eq(tables.tasks.id, submitted.taskId));
    expect(row!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
