import { describe, expect, it } from 'vitest';
import { collect, flakyClassifier, startTestNexa } from '../src/index';

/** The value of one sample line, e.g. `nexa_queue_jobs{state="waiting"}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/metrics`, { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

describe('/metrics', () => {
  it('moves the HTTP, job, AI, event and connection metrics with a classification, and reports queue depth', async () => {
    await using nexa = await startTestNexa({ classifier: flakyClassifier(1).classifier, env: { JOB_ATTEMPTS: '2' } });
    const before = await scrape(nexa.nexa.url);
    expect(before.status).toBe(200);
    expect(before.contentType).toContain('text/plain');
    expect(sample(before.text, 'nexa_job_processing_seconds_count', { job: 'classify', outcome: 'completed' }) ?? 0).toBe(0);

    const client = nexa.client('ws');
    const submitted = await client.classification.submit.mutate({ partnumber: 'METRIC-1', description: 'parafuso' });
    const events = await collect(client.watch(submitted.taskId));
    expect(events.at(-1)!.event.type).toBe('result');
    await fetch(`${nexa.nexa.url}/trpc/task.get?input=${encodeURIComponent(JSON.stringify({ taskId: submitted.taskId }))}`, { headers: { authorization: `Bearer ${nexa.token}` } });
    await fetch(`${nexa.nexa.url}/healthz`);

    const after = (await scrape(nexa.nexa.url)).text;
    expect(sample(after, 'nexa_http_request_duration_seconds_count', { method: 'GET', route: '/trpc/:path', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'nexa_http_request_duration_seconds_count', { route: '/healthz', status: '200' })).toBeGreaterThanOrEqual(1);
    // The flaky classifier fails the first attempt: one failed and one completed attempt, one AI error.
    expect(sample(after, 'nexa_job_processing_seconds_count', { job: 'classify', outcome: 'failed' })).toBe(1);
    expect(sample(after, 'nexa_job_processing_seconds_count', { job: 'classify', outcome: 'completed' })).toBe(1);
    expect(sample(after, 'nexa_job_wait_seconds_count', { job: 'classify' })).toBe(1);
    expect(sample(after, 'nexa_ai_request_duration_seconds_count', { engine: 'flaky', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'nexa_ai_request_duration_seconds_count', { engine: 'flaky', outcome: 'error' })).toBe(1);
    expect(sample(after, 'nexa_ai_errors_total', { engine: 'flaky' })).toBe(1);
    expect(sample(after, 'nexa_events_delivered_total')).toBeGreaterThanOrEqual(events.length);
    expect(sample(after, 'nexa_websocket_connections')).toBe(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(sample(after, 'nexa_queue_jobs', { state })).toBe(0);
    expect(sample(after, 'nexa_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts live subscriptions and queued jobs while they exist', async () => {
    await using nexa = await startTestNexa({ env: { DETERMINISTIC_STEP_MS: '400', WORKER_CONCURRENCY: '1' } });
    const client = nexa.client('sse');
    const first = await client.classification.submit.mutate({ partnumber: 'SLOW-1' });
    const second = await client.classification.submit.mutate({ partnumber: 'SLOW-2' });
    const watching = client.watch(second.taskId)[Symbol.asyncIterator]();
    expect((await watching.next()).value?.event.type).toBe('queued');
    const during = (await scrape(nexa.nexa.url)).text;
    expect(sample(during, 'nexa_event_subscriptions')).toBe(1);
    // One job runs at a time and each takes seconds: the second is still waiting.
    expect(sample(during, 'nexa_queue_jobs', { state: 'waiting' })).toBeGreaterThanOrEqual(1);
    await watching.return?.();
    await collect(client.watch(first.taskId));
    await collect(client.watch(second.taskId));
    const afterwards = (await scrape(nexa.nexa.url)).text;
    expect(sample(afterwards, 'nexa_event_subscriptions')).toBe(0);
  });

  it('answers only the bearer METRICS_TOKEN when one is set', async () => {
    const token = 'scrape-token-0123456789';
    await using nexa = await startTestNexa({ env: { METRICS_TOKEN: token } });
    expect((await scrape(nexa.nexa.url)).status).toBe(401);
    expect((await scrape(nexa.nexa.url, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const allowed = await scrape(nexa.nexa.url, { authorization: `Bearer ${token}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('nexa_http_request_duration_seconds');
  });
});
