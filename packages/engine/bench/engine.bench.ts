import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createReferenceEngine,
  defaultComexstatPath,
  defaultEvalSetPath,
  defaultHsPath,
  defaultNcmTablePath,
  findRepoRoot,
  loadComexstatFromFile,
  loadComexstatTranslationsFromFile,
  loadHsFromFile,
  loadNcmTableFromFile,
} from '../src/index.js';
import { groupByDescription, loadEvalRows } from '../src/evaluation.js';

const BENCH_SECONDS = 3;

function requirePath(found: string | null, what: string): string {
  if (!found) throw new Error(`${what} not found under the shared data folder (set NEXA_SHARED_DATA_DIR)`);
  return found;
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

const baselineRss = process.memoryUsage().rss;
const table = loadNcmTableFromFile(requirePath(defaultNcmTablePath(), 'ncm/ncm.json'));
const comexstatPath = defaultComexstatPath();
const standaloneDescriptions = comexstatPath ? loadComexstatFromFile(comexstatPath) : undefined;
const translatedDescriptions = comexstatPath ? loadComexstatTranslationsFromFile(comexstatPath) : undefined;
const hsPath = defaultHsPath();
const hsDescriptions = hsPath ? loadHsFromFile(hsPath) : undefined;
const descriptions = groupByDescription(loadEvalRows(requirePath(defaultEvalSetPath(), 'eval/cest_ncm.jsonl'))).map(
  (evalCase) => evalCase.description,
);

// `--no-reranker`: retrieval order only (to measure the reranker's cost).
const noReranker = process.argv.includes('--no-reranker');
const buildStarted = performance.now();
const buildCpuStarted = process.cpuUsage();
const engine = createReferenceEngine({
  ...(noReranker ? { reranker: null } : {}),
  table,
  ...(standaloneDescriptions ? { standaloneDescriptions } : {}),
  ...(translatedDescriptions ? { translatedDescriptions } : {}),
  ...(hsDescriptions ? { hsDescriptions } : {}),
});
const buildMs = performance.now() - buildStarted;
const buildCpu = process.cpuUsage(buildCpuStarted);

// Warm-up pass so that the JIT settles before timing.
for (const description of descriptions) engine.classify({ partnumber: 'WARMUP', description });

let classifications = 0;
const started = performance.now();
const cpuStarted = process.cpuUsage();
const deadline = started + BENCH_SECONDS * 1000;
while (performance.now() < deadline) {
  for (const description of descriptions) {
    engine.classify({ partnumber: `PN-${classifications}`, description });
    classifications++;
  }
}
const elapsedMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
const memory = process.memoryUsage();
// Steady state: what the engine keeps once the build's and the loop's garbage is collected (needs --expose-gc).
const collectGarbage = (globalThis as { gc?: () => void }).gc;
collectGarbage?.();
const settled = process.memoryUsage();

const result = {
  engine: 'nexa-reference',
  tableVersion: engine.tableVersion,
  codesIndexed: engine.size,
  reranker: !noReranker,
  buildMs: Math.round(buildMs),
  buildCpuMs: Math.round((buildCpu.user + buildCpu.system) / 1000),
  classifications,
  elapsedMs: Math.round(elapsedMs),
  classificationsPerSecond: Math.round((classifications / elapsedMs) * 1000),
  meanLatencyMs: Math.round((elapsedMs / classifications) * 1000) / 1000,
  cpuMs: Math.round(cpuMs),
  classificationsPerCpuSecond: Math.round((classifications / cpuMs) * 1000),
  rssMb: megabytes(memory.rss),
  // The process before any table was read (Node, the TypeScript loader, the modules): what the engine adds is the rest.
  baselineRssMb: megabytes(baselineRss),
  engineRssMb: megabytes(memory.rss - baselineRss),
  heapUsedMb: megabytes(memory.heapUsed),
  ...(collectGarbage ? { rssAfterGcMb: megabytes(settled.rss), heapUsedAfterGcMb: megabytes(settled.heapUsed) } : {}),
  node: process.version,
  date: new Date().toISOString(),
};

// NEXA_BENCH_OUT overrides where the result goes (default: <repoRoot>/bench/results/engine.json).
const outFile = process.env['NEXA_BENCH_OUT'] ?? path.join(findRepoRoot(), 'bench', 'results', 'engine.json');
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
