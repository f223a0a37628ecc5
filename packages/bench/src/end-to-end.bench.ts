/**
 * End to end, closed loop: C clients each submit a partnumber and wait for its result over
 * WebSocket, with an instant in-process classifier. Nexa runs in two shapes: everything in one
 * process (as `pnpm start` runs it) and the server and a worker as separate processes (as a
 * deployment runs them). In the same run, raw BullMQ doing the same work (add + completion event;
 * no HTTP, WebSocket or database) gives the limit, and the ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createNexaClient, type NexaClient } from '@nexa/client';
import { loadConfig } from '@nexa/config';
import { openDatabase } from '@nexa/db';
import { startNexa } from '@nexa/standalone';
import { createPostgresTestDatabase, createTestRedis } from '@nexa/testing';
import { Queue, QueueEvents, Worker } from 'bullmq';
import WebSocket from 'ws';
import { startCpuMeter, type CpuPerOperation } from './cpu-meter';
import { instantClassifier } from './instant-classifier';
import { percentile, round, writeResult } from './results';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/**
 * Each loop first runs this long at its own concurrency, unmeasured. A server runs for hours, and its
 * first few thousand calls cost about twice what later ones do (V8 is still optimising the path), so
 * a loop started cold would measure the warm-up rather than the path.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCIES ?? '1,50').split(',').map(Number);

type Shape = 'oneProcess' | 'serverAndWorker';

interface LoopFigures {
  concurrency: number;
  completed: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number };
  /** CPU time per completed operation, by process: where the work goes. */
  cpu: CpuPerOperation;
}

/** `work(n)` with a new n for each operation, from `concurrency` callers at once, for `seconds`; returns each operation's latency. */
async function runFor(seconds: number, concurrency: number, work: (n: number) => Promise<void>, first: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  let counter = first;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const n = counter++;
        const t0 = performance.now();
        await work(n);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function closedLoop(concurrency: number, work: (n: number) => Promise<void>, childPids: readonly number[] = []): Promise<LoopFigures> {
  const warmupOperations = (await runFor(WARMUP_SECONDS, concurrency, work, 0)).length;
  const cpuMeter = startCpuMeter(childPids);
  const started = performance.now();
  const latencies = await runFor(SECONDS, concurrency, work, warmupOperations);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    completed: latencies.length,
    perSecond: round(latencies.length / elapsed, 1),
    latencyMs: { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)) },
    cpu: cpuMeter.perOperation(latencies.length),
  };
}

/** A worker process with the instant classifier; resolves once it takes jobs. */
async function startInstantWorker(env: Record<string, string>): Promise<ChildProcess> {
  const entry = fileURLToPath(new URL('./instant-worker.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the benchmark's worker process exited with ${code} before it was ready`);
  });
  const ready = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) if (line.includes('instant worker ready')) return;
  })();
  await Promise.race([ready, exited]);
  return child;
}

async function benchNexa(concurrency: number, shape: Shape): Promise<LoopFigures> {
  await using redis = createTestRedis();
  await using postgres = await createPostgresTestDatabase();
  const database = await openDatabase({ databaseUrl: postgres.url, poolSize: 20 });
  const settings = {
    REDIS_URL: redis.url,
    NEXA_REDIS_PREFIX: redis.prefix,
    PORT: '0',
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: String(Math.max(8, concurrency)),
    // The loop measures throughput, not the per-user submission budget.
    SUBMIT_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  const config = loadConfig(settings);
  const worker = shape === 'serverAndWorker' ? await startInstantWorker({ ...settings, DATABASE_URL: postgres.url }) : null;
  const nexa = await startNexa({ config, database, classifier: instantClassifier, withWorker: shape === 'oneProcess' });
  const anonymous = createNexaClient({ url: nexa.url, WebSocket });
  const { accessToken } = await anonymous.auth.register.mutate({ email: `bench-${Date.now()}@example.com`, password: 'bench-password-123' });
  await anonymous.close();
  const client: NexaClient = createNexaClient({ url: nexa.url, WebSocket, token: accessToken });
  const run = `${Date.now().toString(36)}-${shape}`;
  try {
    return await closedLoop(
      concurrency,
      async (n) => {
        for await (const { event } of client.classify({ partnumber: `BENCH-${run}-${concurrency}-${n}` })) {
          if (event.type === 'failed') throw new Error(event.error);
        }
      },
      worker?.pid ? [worker.pid] : [],
    );
  } finally {
    await client.close();
    await nexa.close();
    if (worker) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    await database.close();
  }
}

async function benchRawBullmq(concurrency: number): Promise<LoopFigures> {
  await using redis = createTestRedis();
  const prefix = `${redis.prefix}:bull`;
  const queue = new Queue('raw', { connection: redis.connect(), prefix });
  queue.setMaxListeners(2 * concurrency + 10); // each waiting job listens for the queue's closing
  const events = new QueueEvents('raw', { connection: redis.connect(), prefix });
  const worker = new Worker('raw', async (job) => ({ ncm: '85423190', partnumber: job.data.partnumber }), {
    connection: redis.connect(),
    prefix,
    concurrency: Math.max(8, concurrency),
  });
  await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  try {
    return await closedLoop(concurrency, async (n) => {
      const job = await queue.add('classify', { partnumber: `RAW-${n}` }, { removeOnComplete: { age: 60 } });
      await job.waitUntilFinished(events);
    });
  } finally {
    await worker.close();
    await events.close();
    await queue.close();
  }
}

interface ConcurrencyFigures {
  /** Server and worker in one process, as `pnpm start` runs them. */
  nexa: LoopFigures;
  /** The server in this process, one worker process beside it. */
  nexaServerAndWorker: LoopFigures;
  rawBullmq: LoopFigures;
  ratio: number;
  ratioServerAndWorker: number;
}

const figures: Record<string, ConcurrencyFigures> = {};
for (const concurrency of CONCURRENCIES) {
  const rawBullmq = await benchRawBullmq(concurrency);
  const nexa = await benchNexa(concurrency, 'oneProcess');
  const nexaServerAndWorker = await benchNexa(concurrency, 'serverAndWorker');
  figures[`c${concurrency}`] = {
    nexa,
    nexaServerAndWorker,
    rawBullmq,
    ratio: round(nexa.perSecond / rawBullmq.perSecond),
    ratioServerAndWorker: round(nexaServerAndWorker.perSecond / rawBullmq.perSecond),
  };
}
await writeResult('end-to-end', {
  secondsPerRun: SECONDS,
  warmupSecondsPerRun: WARMUP_SECONDS,
  targets: { c50RatioAtLeast: 0.5, c1MedianMsAtMost: 3 },
  ...figures,
});
process.exit(0);
