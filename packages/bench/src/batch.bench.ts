import { performance } from 'node:perf_hooks';
import { eventsOfMessage } from '@nexa/contracts';
import { startTestNexa, type TestNexa } from '@nexa/tests';
import { writeResult } from './results';

// A 10,000-item batch on real Redis and PostgreSQL: how long accepting it takes, and items per second
// end to end as one subscriber sees it — with the instant deterministic stand-in (the pipeline's own
// cost) and with the reference engine behind the reference AI server (the default run's path).

const ITEMS = Number(process.env.BENCH_BATCH_ITEMS ?? 10_000);
const CONCURRENCY = process.env.BENCH_WORKER_CONCURRENCY ?? '16';

// General purchase-order wording with spec patterns, cycled with a number so every partnumber differs.
const DESCRIPTIONS = [
  'parafuso sextavado aço inox M8x30',
  'rolamento de esferas 6205-2RS',
  'capacitor cerâmico 100nF 50V',
  'cabo elétrico flexível 2,5 mm² 750V',
  'relé eletromagnético 24V',
  'anel de vedação o-ring borracha nitrílica',
  'válvula esfera latão 1/2"',
  'motor elétrico trifásico 5 cv',
  'filtro de óleo para motor diesel',
  'luva de proteção nitrílica',
];

const parts = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({ partnumber: `${prefix}-${index + 1}`, description: `${DESCRIPTIONS[index % DESCRIPTIONS.length]} ${index % 97}`, quantity: 10 }));

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

async function scenario(classifier: string, env: Record<string, string>) {
  const nexa = await startTestNexa({ env: { WORKER_CONCURRENCY: CONCURRENCY, ...env } });
  try {
    await runBatch(nexa, 'WARMUP', 200);
    const run = await runBatch(nexa, 'BENCH', ITEMS);
    return {
      classifier,
      acceptMs: Math.round(run.acceptMs),
      endToEndMs: Math.round(run.totalMs),
      itemsPerSecond: Math.round((ITEMS / run.totalMs) * 1000),
      subscriberMessages: run.messages,
      subscriberMessagesPerSecond: Math.round((run.messages / run.totalMs) * 1000 * 10) / 10,
      finished: run.finished,
    };
  } finally {
    await nexa[Symbol.asyncDispose]();
  }
}

const runs = [
  await scenario('deterministic (in-process, instant)', { AI_PROVIDER: 'deterministic' }),
  await scenario('reference engine via the in-process reference AI server (nexa-http)', { AI_PROVIDER: 'nexa-http' }),
];
await writeResult('batch', {
  items: ITEMS,
  workerConcurrency: Number(CONCURRENCY),
  database: 'postgres',
  acceptTargetMs: 500,
  runs,
});
