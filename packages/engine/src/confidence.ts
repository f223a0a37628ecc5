/** Candidates with confidence below this need a human review. */
export const NEEDS_REVIEW_BELOW = 0.6;
export const MEMORY_EXACT_CONFIDENCE = 0.97;

export interface ConfidenceFeatures {
  /** Final scores of the returned candidates, best first. */
  scores: readonly number[];
  /** Share of the candidates in the same 4-digit heading as the top one. */
  sameHeadingShare: number;
  ownTermCount: number;
  /** Share of the user's own terms found in the top document. */
  matchedOwnShare: number;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Maps the score margin, term coverage and heading agreement of a ranking to 0..1.
 * Coefficients were set by checking accuracy per confidence bucket on the dev set.
 */
export function estimateConfidence(features: ConfidenceFeatures): number {
  const [first = 0, second = 0] = features.scores;
  if (first <= 0) return 0;
  const margin = (first - second) / first;
  const z = -2.7 + 9 * margin + 1.5 * features.matchedOwnShare + 1.2 * features.sameHeadingShare;
  return Math.round(logistic(z) * 1000) / 1000;
}

/**
 * Confidence from reranked candidates: `probabilities` are the reranker's softmax probabilities, best first;
 * sqrt(top × relative margin over the second) × share of the user's own words found in the top code.
 * Increases with the top probability, the margin and the matched share (monotone in each).
 */
export function rerankedConfidence(probabilities: readonly number[], matchedOwnShare: number): number {
  const [first = 0, second = 0] = probabilities;
  if (first <= 0) return 0;
  const margin = Math.max(0, (first - second) / first);
  const value = Math.sqrt(Math.min(1, first) * margin) * Math.min(1, Math.max(0, matchedOwnShare));
  return Math.round(value * 1000) / 1000;
}
