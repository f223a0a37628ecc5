import { readFileSync } from 'node:fs';
import type { ReferenceEngine } from './engine.js';
import { normalizeNcmCode } from './table.js';

export interface EvalRow {
  description: string;
  ncm: string;
}

/** One description with every code it may correctly map to. */
export interface EvalCase {
  description: string;
  codes: string[];
}

export type DigitLevel = 2 | 4 | 6 | 8;
export const DIGIT_LEVELS: readonly DigitLevel[] = [2, 4, 6, 8];

export interface CalibrationBucket {
  from: number;
  to: number;
  count: number;
  top1Accuracy: number | null;
}

export interface EvalReport {
  rows: number;
  descriptions: number;
  top1: Record<DigitLevel, number>;
  top5: Record<DigitLevel, number>;
  calibration: CalibrationBucket[];
  needsReviewShare: number;
  accuracyWhenNoReview: number | null;
}

export interface EvalMiss {
  description: string;
  expected: string[];
  predicted: string[];
  confidence: number;
}

export function parseEvalJsonl(text: string): EvalRow[] {
  const rows: EvalRow[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = JSON.parse(line) as { description?: unknown; ncm?: unknown };
    const code = typeof parsed.ncm === 'string' ? normalizeNcmCode(parsed.ncm) : null;
    if (typeof parsed.description !== 'string' || code === null) {
      throw new Error(`Eval line ${index + 1}: needs a "description" string and an 8-digit "ncm"`);
    }
    rows.push({ description: parsed.description, ncm: code });
  });
  return rows;
}

export function loadEvalRows(filePath: string): EvalRow[] {
  return parseEvalJsonl(readFileSync(filePath, 'utf8'));
}

export function groupByDescription(rows: readonly EvalRow[]): EvalCase[] {
  const byDescription = new Map<string, Set<string>>();
  for (const row of rows) {
    let codes = byDescription.get(row.description);
    if (!codes) byDescription.set(row.description, (codes = new Set()));
    codes.add(row.ncm);
  }
  return [...byDescription].map(([description, codes]) => ({ description, codes: [...codes] }));
}

export type EvalSplit = 'A' | 'B';

/**
 * Deterministic half of the eval set a description belongs to (FNV-1a hash of the text):
 * tune on half A only, report half B as the honest figure.
 */
export function evalSplitOf(description: string): EvalSplit {
  let hash = 0x811c9dc5;
  for (let i = 0; i < description.length; i++) {
    hash ^= description.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash & 1) === 0 ? 'A' : 'B';
}

export function filterSplit(cases: readonly EvalCase[], split: EvalSplit | null): EvalCase[] {
  return split === null ? [...cases] : cases.filter((evalCase) => evalSplitOf(evalCase.description) === split);
}

function hitsAt(predicted: readonly string[], expected: readonly string[], digits: DigitLevel): boolean {
  return predicted.some((code) => expected.some((target) => code.slice(0, digits) === target.slice(0, digits)));
}

const CALIBRATION_EDGES = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001];

export function evaluateEngine(
  engine: ReferenceEngine,
  cases: readonly EvalCase[],
  rowCount: number,
): { report: EvalReport; misses: EvalMiss[] } {
  const top1Hits: Record<DigitLevel, number> = { 2: 0, 4: 0, 6: 0, 8: 0 };
  const top5Hits: Record<DigitLevel, number> = { 2: 0, 4: 0, 6: 0, 8: 0 };
  const buckets = CALIBRATION_EDGES.slice(0, -1).map((from, i) => ({ from, to: CALIBRATION_EDGES[i + 1]!, count: 0, hits: 0 }));
  const misses: EvalMiss[] = [];
  let reviewed = 0;
  let confidentHits = 0;
  cases.forEach((evalCase, i) => {
    const result = engine.classify({ partnumber: `EVAL-${i}`, description: evalCase.description });
    const predicted = result.candidates.map((c) => c.code);
    const top = predicted.slice(0, 1);
    for (const digits of DIGIT_LEVELS) {
      if (hitsAt(top, evalCase.codes, digits)) top1Hits[digits]++;
      if (hitsAt(predicted, evalCase.codes, digits)) top5Hits[digits]++;
    }
    const hit = hitsAt(top, evalCase.codes, 8);
    const bucket = buckets.find((b) => result.confidence >= b.from && result.confidence < b.to);
    if (bucket) {
      bucket.count++;
      if (hit) bucket.hits++;
    }
    if (result.needsReview) reviewed++;
    else if (hit) confidentHits++;
    if (!hit) misses.push({ description: evalCase.description, expected: evalCase.codes, predicted, confidence: result.confidence });
  });
  const n = Math.max(1, cases.length);
  const fraction = (hits: Record<DigitLevel, number>): Record<DigitLevel, number> => ({
    2: round(hits[2] / n),
    4: round(hits[4] / n),
    6: round(hits[6] / n),
    8: round(hits[8] / n),
  });
  const notReviewed = cases.length - reviewed;
  return {
    report: {
      rows: rowCount,
      descriptions: cases.length,
      top1: fraction(top1Hits),
      top5: fraction(top5Hits),
      calibration: buckets.map((b) => ({
        from: b.from,
        to: Math.min(1, b.to),
        count: b.count,
        top1Accuracy: b.count > 0 ? round(b.hits / b.count) : null,
      })),
      needsReviewShare: round(reviewed / n),
      accuracyWhenNoReview: notReviewed > 0 ? round(confidentHits / notReviewed) : null,
    },
    misses,
  };
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
