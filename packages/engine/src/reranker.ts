/**
 * Learned reranker: a linear listwise (softmax) model over features of the top retrieval candidates.
 * The weights are trained by `src/training/train-reranker.ts` on synthetic queries derived from the
 * official tables only (never on the eval set) and committed in `src/reranker-weights.ts`.
 */

/** Feature names, in the order of a feature vector. */
export const RERANK_FEATURES = [
  'logScoreRatio', // log(score / best score) of the retrieval score
  'scoreRatio',
  'rankReciprocal', // 1 / (1 + retrieval rank)
  'coverage', // IDF share of the query matched by the whole document
  'headTermMatch', // the document contains the head noun of the description
  'residualLevels', // levels where a named node misses the query and has an "Outros" sibling
  'residualLeaf', // the leaf itself is an "Outros" entry
  'headingRelative', // heading-level BM25 relative to the best heading
  'subheadingBest', // best score within the same subheading / best score
  'excluded', // names a word of an "exceto" clause
  'depth', // depth of the leaf in the hierarchy (chapter = 0)
  'logSiblings', // log(1 + siblings of the leaf)
  'headingShare', // share of the candidate pool's score mass in the same heading
  'subheadingShare', // same, per subheading
  'leafCoverage', // IDF share of the query terms found in the leaf's own text
  'innerCoverage', // ... in the intermediate subheadings
  'headingFieldCoverage', // ... in the heading text
  'foreignCoverage', // ... in the English/Spanish text
  'leafExtra', // share of the leaf's own terms that the query does not contain
  'pathExtra', // share of the leaf + subheading terms that the query does not contain
  'phraseMatch', // query-weighted share of the query's word pairs adjacent in the leaf, subheading or heading text
  'headInLeaf', // head noun in the leaf's own text
  'headInHeading', // head noun in the heading text
  'chapterCoverage', // IDF share of the query in the chapter text
  'headingRank', // 1 / (1 + rank of the candidate's heading among the pool's headings, by best score)
  'rankInHeading', // 1 / (1 + position among the pool candidates of the same heading)
  'rankInSubheading', // same, per subheading
  'leafLength', // log(1 + number of terms of the leaf's own text)
  'headIsHeadingHead', // the head noun heads an item of the heading text (its first word, or first after , ; e ou)
  'headIsPathHead', // ... of a subheading or the leaf's own text
  'headingHeadsCoverage', // IDF share of the query found among the heading's head words
  'pathHeadsCoverage', // ... among the head words of the subheadings and the leaf
  'partsUnasked', // a parts/accessories code ("Partes", "Partes e acessórios") for a description naming no part
  'partsAsked', // a parts/accessories code for a description naming parts, pieces or accessories
  'itemHeadsHeaded', // share of the description's item head words that head an item of the heading / subheadings / leaf
  'conditionUnasked', // a code for waste, scrap, used or retreaded goods, the description naming no such condition
  'conditionAsked', // same, the description naming one
  'quantityFits', // the description's quantity ("600 ml", "até 1 kg") lies within the thresholds of the code's path (a contradicted threshold is a retrieval penalty)
] as const;

export type RerankFeatureName = (typeof RERANK_FEATURES)[number];
export const RERANK_FEATURE_COUNT = RERANK_FEATURES.length;

export interface RerankerModel {
  /** Feature names the weights refer to (must equal RERANK_FEATURES). */
  features: readonly string[];
  weights: readonly number[];
  /** Softmax temperature used to turn scores into probabilities (confidence). */
  temperature: number;
  /** Candidates reranked (top of the retrieval ranking). */
  poolSize: number;
  /** Gradient-boosted stumps added to the linear score (optional). */
  stumps?: readonly Stump[];
}

/** One regression stump: adds `left` when feature < threshold, else `right`. */
export interface Stump {
  feature: number;
  threshold: number;
  left: number;
  right: number;
}

/** Linear score of one feature vector. */
export function rerankScore(model: Pick<RerankerModel, 'weights' | 'stumps'>, features: ArrayLike<number>): number {
  let score = 0;
  for (let i = 0; i < model.weights.length; i++) score += model.weights[i]! * (features[i] ?? 0);
  if (model.stumps) for (const stump of model.stumps) score += (features[stump.feature] ?? 0) < stump.threshold ? stump.left : stump.right;
  return score;
}

/** Softmax of scores / temperature (numerically stable). */
export function softmax(scores: readonly number[], temperature = 1): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function assertModelMatchesFeatures(model: RerankerModel): void {
  if (model.features.length !== RERANK_FEATURE_COUNT || model.features.some((name, i) => name !== RERANK_FEATURES[i])) {
    throw new Error('Reranker weights were trained on a different feature list: run `npx tsx src/training/train-reranker.ts`');
  }
  if (model.weights.length !== RERANK_FEATURE_COUNT) throw new Error('Reranker weights: wrong length');
}
