/**
 * Trains the reranker on synthetic queries built from the official tables (never the eval set) and
 * writes src/reranker-weights.ts. Deterministic (fixed seed, hash-based train/validation split).
 *
 *   npx tsx src/training/train-reranker.ts [--per-code 5] [--pool 50] [--epochs 30] [--rounds 0]
 *
 * The candidate features come from an engine built WITHOUT the Comex Stat standalone descriptions
 * (the queries are made from them, so the right code would otherwise match its own text verbatim).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createReferenceEngine, type ScoringTuning } from '../engine.js';
import { defaultComexstatPath, defaultHsPath, defaultNcmTablePath } from '../paths.js';
import { isInForce, loadComexstatFromFile, loadComexstatTranslationsFromFile, loadHsFromFile, loadNcmTableFromFile, type NcmEntry } from '../table.js';
import { RERANK_FEATURES, RERANK_FEATURE_COUNT, type RerankerModel } from '../reranker.js';
import { codeHash, queryVariants } from './synthetic.js';
import { boostStumps, DEFAULT_BOOST_OPTIONS, DEFAULT_TRAIN_OPTIONS, fitTemperature, linearScorer, meanLoss, seededRandom, shuffleInPlace, topKAccuracy, trainListwise, type TrainingGroup } from './trainer.js';
import { rerankScore } from '../reranker.js';

const { values } = parseArgs({
  options: {
    'per-code': { type: 'string', default: '5' },
    pool: { type: 'string', default: '50' },
    epochs: { type: 'string', default: String(DEFAULT_TRAIN_OPTIONS.epochs) },
    l2: { type: 'string', default: String(DEFAULT_TRAIN_OPTIONS.l2) },
    out: { type: 'string' },
    rounds: { type: 'string', default: '0' },
    'dry-run': { type: 'boolean', default: false },
    /** Scoring parameters (JSON) of the engine the features come from, as `pnpm eval --tuning`. */
    tuning: { type: 'string' },
  },
});
const perCode = Number(values['per-code']);
const poolSize = Number(values.pool);
const SEED = DEFAULT_TRAIN_OPTIONS.seed;
const VALIDATION_SHARE = 5; // 1 code in 5 (by hash) is held out for validation

const need = (p: string | null, what: string): string => {
  if (!p) throw new Error(`${what} not found (set NEXA_SHARED_DATA_DIR)`);
  return p;
};
const table = loadNcmTableFromFile(need(defaultNcmTablePath(), 'ncm.json'));
const comexstatPath = need(defaultComexstatPath(), 'comexstat_ncm.csv');
const standalone = loadComexstatFromFile(comexstatPath);
const translated = loadComexstatTranslationsFromFile(comexstatPath);
const hsPath = defaultHsPath();
const hs = hsPath ? loadHsFromFile(hsPath) : undefined;

const tuning = values.tuning ? (JSON.parse(values.tuning) as Partial<ScoringTuning>) : undefined;
const engine = createReferenceEngine({ table, translatedDescriptions: translated, ...(hs ? { hsDescriptions: hs } : {}), reranker: null, ...(tuning ? { tuning } : {}) });

const byCode = new Map(table.entries.map((e) => [e.code, e]));
const ancestorsOf = (entry: NcmEntry): NcmEntry[] => {
  const chain: NcmEntry[] = [];
  for (let p = entry.parent; p !== null; ) {
    const parent = byCode.get(p);
    if (!parent) break;
    chain.unshift(parent);
    p = parent.parent;
  }
  return chain;
};

const random = seededRandom(SEED);
const train: TrainingGroup[] = [];
const validation: TrainingGroup[] = [];
let queries = 0;
let notInPool = 0;
const leaves = table.entries.filter((e) => e.code.length === 8 && isInForce(e)).sort((a, b) => a.code.localeCompare(b.code));
for (const entry of leaves) {
  const text = standalone.get(entry.code);
  if (!text) continue;
  const variants = shuffleInPlace(queryVariants(entry, text, ancestorsOf(entry)), random).slice(0, perCode);
  const target = codeHash(entry.code) % VALIDATION_SHARE === 0 ? validation : train;
  for (const { description } of variants) {
    queries++;
    const { codes, features } = engine.candidateFeatures!({ partnumber: '', description }, poolSize);
    const positive = codes.indexOf(entry.code);
    if (positive < 0) {
      notInPool++;
      continue;
    }
    if (codes.length < 2) continue;
    target.push({ features, positive });
  }
}

// The synthetic queries carry no exclusion clause of their own: the exclusion signal stays in the retrieval score.
const frozen = [RERANK_FEATURES.indexOf('excluded')];
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const weights = trainListwise(train, RERANK_FEATURE_COUNT, { epochs: Number(values.epochs), l2: Number(values.l2), frozen }).map(round);
const linear = linearScorer(weights);
const stumps = Number(values.rounds) > 0
  ? boostStumps(train, RERANK_FEATURE_COUNT, weights, { rounds: Number(values.rounds), frozen }).map((s) => ({ ...s, threshold: round(s.threshold), left: round(s.left), right: round(s.right) }))
  : [];
const scorer = (row: readonly number[]): number => rerankScore({ weights, stumps }, row);
const temperature = fitTemperature(validation, scorer);
const report = {
  queries,
  notInPool,
  train: train.length,
  validation: validation.length,
  retrievalTop1: { train: topKAccuracy(train, null), validation: topKAccuracy(validation, null) },
  linearTop1: { train: topKAccuracy(train, linear), validation: topKAccuracy(validation, linear) },
  rerankedTop1: { train: topKAccuracy(train, scorer), validation: topKAccuracy(validation, scorer) },
  retrievalTop5Validation: topKAccuracy(validation, null, 5),
  rerankedTop5Validation: topKAccuracy(validation, scorer, 5),
  validationLoss: { linear: meanLoss(validation, linear), reranked: meanLoss(validation, scorer, temperature) },
  stumps: stumps.length,
  temperature,
};
console.log(JSON.stringify(report, null, 2));
console.log(RERANK_FEATURES.map((name, i) => `${name}: ${round(weights[i]!)}`).join('\n'));

if (!values['dry-run']) {
  const model: RerankerModel = { features: [...RERANK_FEATURES], weights, temperature, poolSize, ...(stumps.length > 0 ? { stumps } : {}) };
  const out = values.out ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'reranker-weights.ts');
  writeFileSync(
    out,
    `import type { RerankerModel } from './reranker.js';\n\n` +
      `/**\n * Written by \`npx tsx src/training/train-reranker.ts\` (synthetic queries from the official tables, seed ${SEED}).\n` +
      ` * Validation (held-out codes): top-1 ${round(report.retrievalTop1.validation)} → ${round(report.rerankedTop1.validation)} within the pool.\n */\n` +
      `export const RERANKER_WEIGHTS: RerankerModel | null = ${JSON.stringify(model, null, 2)};\n`,
  );
  console.log(`wrote ${out}`);
}
