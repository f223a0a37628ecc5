import { describe, it, expect } from 'vitest';
import { createReferenceEngine, parseNcmTable } from '../src/index.js';
import { assertModelMatchesFeatures, RERANK_FEATURE_COUNT, RERANK_FEATURES, rerankScore, type RerankerModel } from '../src/reranker.js';
import { RERANKER_WEIGHTS } from '../src/reranker-weights.js';
import { rerankedConfidence } from '../src/confidence.js';
import { boostStumps, linearScorer, topKAccuracy, trainListwise, type TrainingGroup } from '../src/training/trainer.js';
import { queryVariants } from '../src/training/synthetic.js';
import { rerankScore as score } from '../src/reranker.js';
import { cloneSmallTable } from './fixtures/small-table.js';

const table = parseNcmTable(cloneSmallTable());

function modelWith(weights: Partial<Record<(typeof RERANK_FEATURES)[number], number>>): RerankerModel {
  return {
    features: [...RERANK_FEATURES],
    weights: RERANK_FEATURES.map((name) => weights[name] ?? 0),
    temperature: 1,
    poolSize: 50,
  };
}

/** Tiny fixture: 3 features; the right candidate has the highest feature 0, feature 1 is noise. */
function fixture(): TrainingGroup[] {
  const groups: TrainingGroup[] = [];
  for (let g = 0; g < 40; g++) {
    const features: number[][] = [];
    for (let i = 0; i < 5; i++) features.push([((g * 7 + i * 3) % 5) / 5, ((g + i) % 3) / 3, 1]);
    const positive = features.reduce((best, row, i) => (row[0]! > features[best]![0]! ? i : best), 0);
    groups.push({ features, positive });
  }
  return groups;
}

describe('learned reranker', () => {
  it('scores a candidate with better features higher', () => {
    const model = modelWith({ coverage: 2, leafExtra: -3 });
    const good = new Array<number>(RERANK_FEATURE_COUNT).fill(0);
    const bad = new Array<number>(RERANK_FEATURE_COUNT).fill(0);
    good[RERANK_FEATURES.indexOf('coverage')] = 1;
    bad[RERANK_FEATURES.indexOf('coverage')] = 0.5;
    bad[RERANK_FEATURES.indexOf('leafExtra')] = 0.5;
    expect(rerankScore(model, good)).toBeGreaterThan(rerankScore(model, bad));
    const withStump: RerankerModel = { ...model, stumps: [{ feature: RERANK_FEATURES.indexOf('coverage'), threshold: 0.8, left: -1, right: 1 }] };
    expect(rerankScore(withStump, good) - rerankScore(model, good)).toBe(1);
    expect(rerankScore(withStump, bad) - rerankScore(model, bad)).toBe(-1);
  });

  it('reorders the engine candidates by the learned features', () => {
    const description = 'rolamentos de roletes cônicos';
    // Residual prior off: retrieval ties the named and the "Outros" leaves; the reranker decides.
    const prefersResidual = createReferenceEngine({ table, tuning: { residualPenalty: 1 }, reranker: modelWith({ scoreRatio: 5, residualLeaf: 3 }) });
    const prefersNamed = createReferenceEngine({ table, tuning: { residualPenalty: 1 }, reranker: modelWith({ scoreRatio: 5, residualLeaf: -3 }) });
    const residualTop = prefersResidual.classify({ partnumber: 'R1', description }).candidates[0]!;
    const namedTop = prefersNamed.classify({ partnumber: 'R1', description }).candidates[0]!;
    expect(residualTop.code).toBe('84822090');
    expect(namedTop.code).not.toBe('84822090');
    expect(namedTop.code.slice(0, 6)).toBe('848220');
  });

  it('turns scores into pool probabilities; confidence grows with the top probability, margin and matched words', () => {
    const engine = createReferenceEngine({ table, reranker: modelWith({ scoreRatio: 5 }) });
    const result = engine.classify({ partnumber: 'P1', description: 'rolamentos de esferas' });
    const total = result.candidates.reduce((sum, c) => sum + c.score, 0);
    expect(total).toBeLessThanOrEqual(1.01);
    const [p1 = 0, p2 = 0] = result.candidates.map((c) => c.score);
    expect(result.confidence).toBeCloseTo(Math.sqrt(p1 * ((p1 - p2) / p1)), 2);
    expect(rerankedConfidence([0.9, 0.05], 1)).toBeGreaterThan(rerankedConfidence([0.6, 0.05], 1));
    expect(rerankedConfidence([0.6, 0.05], 1)).toBeGreaterThan(rerankedConfidence([0.6, 0.3], 1));
    expect(rerankedConfidence([0.6, 0.05], 1)).toBeGreaterThan(rerankedConfidence([0.6, 0.05], 0.5));
    const scores = result.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('exposes the retrieval pool with one feature vector per candidate', () => {
    const engine = createReferenceEngine({ table, reranker: null });
    const { codes, features } = engine.candidateFeatures!({ partnumber: '', description: 'rolamentos de esferas' }, 10);
    expect(codes.length).toBeGreaterThan(1);
    expect(features).toHaveLength(codes.length);
    for (const row of features) {
      expect(row).toHaveLength(RERANK_FEATURE_COUNT);
      for (const value of row) expect(Number.isFinite(value)).toBe(true);
    }
    expect(features[0]![RERANK_FEATURES.indexOf('scoreRatio')]).toBe(1);
  });

  it('tells a head noun that heads an item of the heading or of the subheadings from one that only qualifies', () => {
    const engine = createReferenceEngine({ table, reranker: null });
    const featureOf = (description: string, code: string, name: (typeof RERANK_FEATURES)[number]): number | undefined => {
      const { codes, features } = engine.candidateFeatures!({ partnumber: '', description }, 10);
      return features[codes.indexOf(code)]?.[RERANK_FEATURES.indexOf(name)];
    };
    // "Rolamentos de esferas, de roletes ou de agulhas": rolamentos heads the heading.
    expect(featureOf('rolamentos de esferas', '84821010', 'headIsHeadingHead')).toBe(1);
    // "Aparelhos para interrupção, ...": relés only head the subheading "Relés:".
    expect(featureOf('relés', '85364100', 'headIsHeadingHead')).toBe(0);
    expect(featureOf('relés', '85364100', 'headIsPathHead')).toBe(1);
    expect(featureOf('relés', '85364100', 'partsUnasked')).toBe(0);
  });

  it('ships weights trained on the current feature list', () => {
    expect(RERANKER_WEIGHTS).not.toBeNull();
    expect(() => assertModelMatchesFeatures(RERANKER_WEIGHTS!)).not.toThrow();
    expect(() => assertModelMatchesFeatures({ ...RERANKER_WEIGHTS!, features: ['x'] })).toThrow(/different feature list/);
  });
});

describe('reranker trainer', () => {
  it('is deterministic and learns the discriminative feature', () => {
    const groups = fixture();
    const first = trainListwise(groups, 3, { epochs: 20, seed: 7 });
    const second = trainListwise(groups, 3, { epochs: 20, seed: 7 });
    expect(first).toEqual(second);
    expect(first[0]).toBeGreaterThan(Math.abs(first[1]!));
    expect(topKAccuracy(groups, linearScorer(first))).toBeGreaterThan(topKAccuracy(groups, linearScorer([0, 0, 0])));
  });

  it('keeps frozen features at zero', () => {
    const weights = trainListwise(fixture(), 3, { epochs: 5, frozen: [0] });
    expect(weights[0]).toBe(0);
  });

  it('boosted stumps learn a threshold the linear model cannot', () => {
    // The right candidate is the one whose feature 0 is closest to 0.5 (not monotone).
    const groups: TrainingGroup[] = [];
    for (let g = 0; g < 30; g++) {
      const features = [0.05, 0.5, 0.95, 0.2 + (g % 3) * 0.05, 0.8].map((v) => [v]);
      groups.push({ features, positive: 1 });
    }
    const stumps = boostStumps(groups, 1, [0], { rounds: 20, shrinkage: 0.5, lambda: 1 });
    expect(boostStumps(groups, 1, [0], { rounds: 20, shrinkage: 0.5, lambda: 1 })).toEqual(stumps);
    const scorer = (row: readonly number[]): number => score({ weights: [0], stumps }, row);
    expect(topKAccuracy(groups, scorer)).toBe(1);
  });
});

describe('synthetic training queries', () => {
  it('derives importer-like variants from a standalone description', () => {
    const byCode = new Map(table.entries.map((e) => [e.code, e]));
    const leaf = table.entries.find((e) => e.code === '84822090')!;
    const ancestors = leaf.path.slice(0, -1).map((_, i) => table.entries.find((e) => e.path.length === i + 1 && leaf.code.startsWith(e.code))!);
    expect(byCode.has('84822090')).toBe(true);
    const variants = queryVariants(leaf, 'Outros rolamentos de roletes cônicos, de 20 mm, exceto de aço inoxidável', ancestors);
    const texts = variants.map((v) => v.description);
    expect(texts[0]).toBe('rolamentos de roletes conicos de 20 mm');
    expect(texts).toContain('rolamentos de roletes conicos');
    for (const text of texts) {
      expect(text).not.toMatch(/^outr/);
      expect(text).not.toContain('exceto');
    }
  });
});
