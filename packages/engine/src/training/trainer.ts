import type { Stump } from '../reranker.js';

/** Scores one candidate's feature vector. */
export type Scorer = (row: readonly number[]) => number;

export function linearScorer(weights: readonly number[]): Scorer {
  return (row) => {
    let s = 0;
    for (let k = 0; k < weights.length; k++) s += weights[k]! * row[k]!;
    return s;
  };
}

/**
 * Deterministic listwise trainer for the linear reranker: softmax cross-entropy over each query's
 * candidate list (one right candidate), Adam, L2, minibatches in a seeded order. Zero dependencies.
 */

export interface TrainingGroup {
  /** One feature vector per candidate. */
  features: number[][];
  /** Index of the right candidate. */
  positive: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  seed: number;
  /** Feature indexes whose weight stays 0 (signals the synthetic queries cannot teach). */
  frozen: readonly number[];
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 30, learningRate: 0.05, l2: 1e-4, batchSize: 64, seed: 20250513, frozen: [] };

/** mulberry32: small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function logits(features: number[][], weights: readonly number[]): number[] {
  return features.map((row) => {
    let s = 0;
    for (let k = 0; k < weights.length; k++) s += weights[k]! * row[k]!;
    return s;
  });
}

function softmaxOf(values: number[], temperature = 1): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp((v - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Mean negative log-likelihood of the right candidates. */
export function meanLoss(groups: readonly TrainingGroup[], scorer: Scorer, temperature = 1): number {
  let loss = 0;
  for (const group of groups) {
    const p = softmaxOf(group.features.map(scorer), temperature)[group.positive]!;
    loss -= Math.log(Math.max(p, 1e-12));
  }
  return loss / Math.max(1, groups.length);
}

/** Share of groups whose right candidate scores strictly highest (ties count as misses, except a single candidate). */
export function topKAccuracy(groups: readonly TrainingGroup[], scorer: Scorer | null, k = 1): number {
  let hits = 0;
  for (const group of groups) {
    if (scorer === null) {
      if (group.positive < k) hits++;
      continue;
    }
    const scores = group.features.map(scorer);
    const mine = scores[group.positive]!;
    let better = 0;
    scores.forEach((s, i) => {
      if (i !== group.positive && (s > mine || (s === mine && i < group.positive))) better++;
    });
    if (better < k) hits++;
  }
  return hits / Math.max(1, groups.length);
}

/** Trains the weights; the result depends only on the groups and options (seeded order, no clock, no Math.random). */
export function trainListwise(groups: readonly TrainingGroup[], featureCount: number, options: Partial<TrainOptions> = {}): number[] {
  const { epochs, learningRate, l2, batchSize, seed, frozen } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const frozenSet = new Set(frozen);
  const random = seededRandom(seed);
  const weights = new Array<number>(featureCount).fill(0);
  const m = new Array<number>(featureCount).fill(0);
  const v = new Array<number>(featureCount).fill(0);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let step = 0;
  const order = groups.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < order.length; start += batchSize) {
      const gradient = new Array<number>(featureCount).fill(0);
      const end = Math.min(order.length, start + batchSize);
      for (let b = start; b < end; b++) {
        const group = groups[order[b]!]!;
        const p = softmaxOf(logits(group.features, weights));
        group.features.forEach((row, i) => {
          const coefficient = p[i]! - (i === group.positive ? 1 : 0);
          if (coefficient === 0) return;
          for (let k = 0; k < featureCount; k++) gradient[k]! += coefficient * row[k]!;
        });
      }
      const count = end - start;
      step++;
      for (let k = 0; k < featureCount; k++) {
        if (frozenSet.has(k)) continue;
        const g = gradient[k]! / count + l2 * weights[k]!;
        m[k] = beta1 * m[k]! + (1 - beta1) * g;
        v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
        const mHat = m[k]! / (1 - beta1 ** step);
        const vHat = v[k]! / (1 - beta2 ** step);
        weights[k]! -= (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
  }
  return weights;
}

/** Softmax temperature minimising the validation NLL (grid search): calibrates the top probability. */
export function fitTemperature(groups: readonly TrainingGroup[], scorer: Scorer): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    const loss = meanLoss(groups, scorer, t);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}


export interface BoostOptions {
  rounds: number;
  shrinkage: number;
  /** L2 regularisation of the leaf values (Newton step denominator). */
  lambda: number;
  /** Candidate thresholds per feature (quantiles of the training values). */
  bins: number;
  frozen: readonly number[];
}

export const DEFAULT_BOOST_OPTIONS: BoostOptions = { rounds: 150, shrinkage: 0.1, lambda: 10, bins: 32, frozen: [] };


/**
 * Gradient-boosted stumps on the listwise softmax loss, starting from the linear model's logits
 * (Newton steps, histogram split search). Deterministic: no randomness at all.
 */
export function boostStumps(groups: readonly TrainingGroup[], featureCount: number, base: readonly number[], options: Partial<BoostOptions> = {}): Stump[] {
  const { rounds, shrinkage, lambda, bins, frozen } = { ...DEFAULT_BOOST_OPTIONS, ...options };
  let n = 0;
  for (const group of groups) n += group.features.length;
  const x = new Float64Array(n * featureCount);
  const margin = new Float64Array(n);
  const label = new Uint8Array(n);
  const starts = new Int32Array(groups.length + 1);
  let row = 0;
  groups.forEach((group, g) => {
    starts[g] = row;
    group.features.forEach((features, i) => {
      for (let k = 0; k < featureCount; k++) x[row * featureCount + k] = features[k]!;
      let s = 0;
      for (let k = 0; k < featureCount; k++) s += base[k]! * features[k]!;
      margin[row] = s;
      label[row] = i === group.positive ? 1 : 0;
      row++;
    });
  });
  starts[groups.length] = n;

  // Thresholds: distinct quantiles of each feature; bin index = number of thresholds <= value.
  const thresholds: number[][] = [];
  const binOf = new Uint8Array(n * featureCount);
  for (let k = 0; k < featureCount; k++) {
    const values = new Float64Array(n);
    for (let r = 0; r < n; r++) values[r] = x[r * featureCount + k]!;
    values.sort();
    const cuts = new Set<number>();
    for (let b = 1; b < bins; b++) {
      const v = values[Math.floor((b * n) / bins)]!;
      if (v > values[0]!) cuts.add(v);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    thresholds.push(sorted);
    for (let r = 0; r < n; r++) {
      const v = x[r * featureCount + k]!;
      let bin = 0;
      while (bin < sorted.length && v >= sorted[bin]!) bin++;
      binOf[r * featureCount + k] = bin;
    }
  }

  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const stumps: Stump[] = [];
  for (let round = 0; round < rounds; round++) {
    let totalG = 0;
    let totalH = 0;
    for (let g = 0; g < groups.length; g++) {
      const from = starts[g]!;
      const to = starts[g + 1]!;
      let max = -Infinity;
      for (let r = from; r < to; r++) max = Math.max(max, margin[r]!);
      let sum = 0;
      for (let r = from; r < to; r++) sum += Math.exp(margin[r]! - max);
      for (let r = from; r < to; r++) {
        const p = Math.exp(margin[r]! - max) / sum;
        grad[r] = p - label[r]!;
        hess[r] = Math.max(p * (1 - p), 1e-6);
        totalG += grad[r]!;
        totalH += hess[r]!;
      }
    }
    let best: { gain: number; feature: number; bin: number; gl: number; hl: number } | null = null;
    for (let k = 0; k < featureCount; k++) {
      const cutCount = thresholds[k]!.length;
      if (cutCount === 0 || frozen.includes(k)) continue;
      const hg = new Float64Array(cutCount + 1);
      const hh = new Float64Array(cutCount + 1);
      for (let r = 0; r < n; r++) {
        const bin = binOf[r * featureCount + k]!;
        hg[bin]! += grad[r]!;
        hh[bin]! += hess[r]!;
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < cutCount; b++) {
        gl += hg[b]!;
        hl += hh[b]!;
        const gr = totalG - gl;
        const hr = totalH - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (totalG * totalG) / (totalH + lambda);
        if (best === null || gain > best.gain + 1e-12) best = { gain, feature: k, bin: b, gl, hl };
      }
    }
    if (best === null || best.gain <= 1e-9) break;
    const left = (-best.gl / (best.hl + lambda)) * shrinkage;
    const right = (-(totalG - best.gl) / (totalH - best.hl + lambda)) * shrinkage;
    const threshold = thresholds[best.feature]![best.bin]!;
    const stump: Stump = { feature: best.feature, threshold, left, right };
    stumps.push(stump);
    for (let r = 0; r < n; r++) margin[r]! += binOf[r * featureCount + best.feature]! <= best.bin ? left : right;
  }
  return stumps;
}
