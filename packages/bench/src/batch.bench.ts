import { performance } from 'node:perf_hooks';
import { eventsOfMessage } from '@nexa/contracts';
import { startTestNexa, type TestNexa } from '@nexa/tests';
import { writeResult } from './results';

// A 10,000-item batch on real Redis and PostgreSQL: how long accepting it takes, and items per second
// end to end with the in-process deterministic classifier, as one subscriber sees it.

const ITEMS = Number(process.env.BENCH_BATCH_ITEMS ?? 10_000);
const CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '16';

const parts = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({ partnumber: `${prefix}-${index + 1}`, description: `parafuso sextavado M${(index % 20) + 3}`, quantity: 10 }));

async function runBatch(nexa: TestNexa, prefix: string, count: number) {
  const client = nexa.client('ws');
  const started = performance.now();
  const submitted = await client.classification.submitBatch.mutate({ items: parts(count, prefix) });
  const acceptMs = performance.now() - started;
  let messages = 0;
  let finished: unknown = null;
  for await (const message of client.watch(submitted.taskId)) {
    messages++;
    finished = eventsOfMessage(message.event).find((event) => event.type === 'batch_finished') ?? finished;
  }
  const totalMs = performance.now() - started;
  return { acceptMs, totalMs, messages, finished };
}

const nexa = await startTestNexa({ env: { WORKER_CONCURRENCY: CONCURRENCY } });
try {
  await runBatch(nexa, 'WARMUP', 200);
  const run = await runBatch(nexa, 'BENCH', ITEMS);
  await writeResult('batch', {
    items: ITEMS,
    workerConcurrency: Number(CONCURRENCY),
    classifier: 'deterministic (in-process)',
    database: 'postgres',
    acceptMs: Math.round(run.acceptMs),
    acceptTargetMs: 500,
    endToEndMs: Math.round(run.totalMs),
    itemsPerSecond: Math.round((ITEMS / run.totalMs) * 1000),
    subscriberMessages: run.messages,
    subscriberMessagesPerSecond: Math.round((run.messages / run.totalMs) * 1000 * 10) / 10,
    finished: run.finished,
  });
} finally {
  await nexa[Symbol.asyncDispose]();
}
