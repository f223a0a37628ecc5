/**
 * Soak: sustained load against a running Nexa for a few minutes, then a report.
 *
 *   pnpm soak [--url http://127.0.0.1:3000 --token <access token or API key>] [--minutes 3] [--rate 20]
 *
 * Without --url it starts a whole Nexa in this process (server + worker, private Redis, a PGlite
 * database in a temporary folder, the submission rate limit lifted, and a fresh account). Against
 * --url, use an API key of an account whose SUBMIT_RATE_LIMIT_PER_MINUTE allows the rate. Submits `rate` classifications per second, watches each to its
 * end, and reports errors (must be 0), tasks lost (must be 0: accepted but never finished) and
 * memory over time (must be flat). Writes the report to bench/results/soak.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNexaClient } from '@nexa/client';
import { loadConfig } from '@nexa/config';
import { startNexa } from '@nexa/standalone';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: { url: { type: 'string' }, token: { type: 'string' }, minutes: { type: 'string', default: '3' }, rate: { type: 'string', default: '20' } },
});
const durationMs = Number(values.minutes) * 60_000;
const rate = Number(values.rate);

const dataDir = values.url ? null : await mkdtemp(path.join(tmpdir(), 'nexa-soak-'));
const nexa = dataDir
  ? await startNexa({ config: loadConfig({ ...process.env, NEXA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', SUBMIT_RATE_LIMIT_PER_MINUTE: '1000000' }) })
  : null;
const url = values.url ?? nexa!.url;
const token =
  values.token ??
  process.env.NEXA_TOKEN ??
  (await register(url));
const client = createNexaClient({ url, WebSocket, token });

let submitted = 0;
let finished = 0;
let failedTasks = 0;
const errors: string[] = [];
const memory: Array<{ atSeconds: number; rssMb: number; heapMb: number }> = [];
const pending = new Set<Promise<void>>();
const started = Date.now();

async function one(n: number) {
  try {
    for await (const { event } of client.classify({ partnumber: `SOAK-${started}-${n}`, description: 'relé 12V' })) {
      if (event.type === 'result') finished += 1;
      if (event.type === 'failed') failedTasks += 1;
    }
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
}

const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  memory.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: Math.round(usage.rss / 1048576), heapMb: Math.round(usage.heapUsed / 1048576) });
}, 5000);

while (Date.now() - started < durationMs) {
  const tick = Date.now();
  for (let i = 0; i < rate; i += 1) {
    submitted += 1;
    const work = one(submitted).finally(() => pending.delete(work));
    pending.add(work);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
}
await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 60_000))]);
clearInterval(sampler);

const lost = submitted - finished - failedTasks - errors.length;
const firstHalf = memory.slice(0, Math.ceil(memory.length / 2));
const secondHalf = memory.slice(Math.ceil(memory.length / 2));
const average = (samples: typeof memory) => samples.reduce((sum, s) => sum + s.heapMb, 0) / Math.max(1, samples.length);
const report = {
  url: values.url ?? 'in-process',
  minutes: Number(values.minutes),
  ratePerSecond: rate,
  submitted,
  finished,
  failedTasks,
  errors: errors.length,
  firstErrors: errors.slice(0, 5),
  lost,
  heapGrowthMb: Math.round(average(secondHalf) - average(firstHalf)),
  memory,
};
console.log(JSON.stringify(report, null, 2));
const resultsDir = path.resolve(import.meta.dirname, '../bench/results');
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);

await client.close();
await nexa?.close();
if (dataDir) await rm(dataDir, { recursive: true, force: true });
process.exit(report.errors === 0 && report.lost === 0 ? 0 : 1);

async function register(base: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `soak-${Date.now()}@example.com`, password: `soak-${Math.random().toString(36).slice(2)}-password` }),
  });
  const body = (await response.json()) as { result?: { data: { accessToken: string } } };
  if (!body.result) throw new Error(`could not register a soak account: ${JSON.stringify(body)}`);
  return body.result.data.accessToken;
}
