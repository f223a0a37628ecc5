import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadDefaultEngine } from './default-engine.js';
import { defaultEvalSetPath } from './paths.js';
import { evaluateEngine, filterSplit, groupByDescription, loadEvalRows, type EvalSplit } from './evaluation.js';
import type { ScoringTuning } from './engine.js';
import type { RerankerModel } from './reranker.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    comexstat: { type: 'string' },
    eval: { type: 'string' },
    tuning: { type: 'string' },
    misses: { type: 'boolean', default: false },
    split: { type: 'string' },
    /** Module exporting RERANKER_WEIGHTS (e.g. a training output); default: the committed weights. */
    reranker: { type: 'string' },
    'no-reranker': { type: 'boolean', default: false },
  },
});
const reranker = values['no-reranker']
  ? null
  : values.reranker
    ? ((await import(pathToFileURL(path.resolve(values.reranker)).href)) as { RERANKER_WEIGHTS: RerankerModel | null }).RERANKER_WEIGHTS
    : undefined;

const evalPath = values.eval ?? defaultEvalSetPath();
if (!evalPath) {
  console.error('Eval set not found: pass --eval <path> or set NEXA_SHARED_DATA_DIR');
  process.exit(1);
}

const started = performance.now();
const engine = loadDefaultEngine({
  ...(values.table ? { tablePath: values.table } : {}),
  ...(values.comexstat ? { comexstatPath: values.comexstat } : {}),
  ...(reranker !== undefined ? { reranker } : {}),
  ...(values.tuning ? { tuning: JSON.parse(values.tuning) as Partial<ScoringTuning> } : {}),
});
const buildMs = Math.round(performance.now() - started);

const split = values.split ? values.split.toUpperCase() : null;
if (split !== null && split !== 'A' && split !== 'B') {
  console.error('--split must be A or B');
  process.exit(1);
}
const rows = loadEvalRows(evalPath);
const cases = filterSplit(groupByDescription(rows), split as EvalSplit | null);
const caseDescriptions = new Set(cases.map((c) => c.description));
const rowCount = rows.filter((row) => caseDescriptions.has(row.description)).length;
const { report, misses } = evaluateEngine(engine, cases, rowCount);
console.log(JSON.stringify({ split: split ?? 'all', ...report, buildMs, tableVersion: engine.tableVersion, codesIndexed: engine.size }, null, 2));
if (values.misses) {
  for (const miss of misses) {
    console.error(`${miss.expected.join(',')} <- ${miss.predicted.join(' ')} [${miss.confidence}] ${miss.description}`);
  }
}
