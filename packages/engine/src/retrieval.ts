/**
 * BM25F inverted index. Field-weighted, length-normalised term frequencies are
 * saturated at build time, so a query is a sum over its terms of
 * queryWeight × idf × precomputed posting weight.
 */

export interface FieldSpec {
  name: string;
  /** Multiplier of the field's term frequency. */
  weight: number;
  /** Length normalisation strength, 0..1. */
  lengthNormalization: number;
}

/**
 * One document: for each field (same order as the FieldSpec list), its terms as consecutive segments
 * (so texts shared by many documents are referenced, not copied).
 */
export type FieldedDocument = ReadonlyArray<ReadonlyArray<readonly string[]>>;

/** Number of terms in a field's segments. */
export function fieldLength(segments: ReadonlyArray<readonly string[]>): number {
  let length = 0;
  for (const segment of segments) length += segment.length;
  return length;
}

export interface Bm25Options {
  k1: number;
}

export interface QueryTerm {
  term: string;
  weight: number;
}

export interface ScoredDocuments {
  scores: Float64Array;
  /** IDF mass of the query matched by each document (for coverage). */
  matchedIdf: Float64Array;
  touched: Int32Array;
  touchedCount: number;
  queryIdf: number;
}

export class Bm25fIndex {
  readonly documentCount: number;
  private readonly termIds = new Map<string, number>();
  /** Postings of term id t: postingDocs/postingWeights[postingStarts[t] .. postingStarts[t + 1]). */
  private readonly postingStarts: Int32Array;
  private readonly postingDocs: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly idf: Float64Array;
  private readonly scores: Float64Array;
  private readonly matchedIdf: Float64Array;
  private readonly touched: Int32Array;
  private readonly touchedFlags: Uint8Array;

  constructor(documents: readonly FieldedDocument[], fields: readonly FieldSpec[], options: Bm25Options = { k1: 1.2 }) {
    this.documentCount = documents.length;
    const averageLengths = fields.map((_, f) => {
      let total = 0;
      for (const doc of documents) total += fieldLength(doc[f] ?? []);
      return Math.max(1, total / Math.max(1, documents.length));
    });

    // One pass over the documents collects (term, doc, weight) triples in flat typed arrays; a counting
    // sort by term then lays the postings out contiguously (doc ids stay increasing within a term).
    let capacity = 1 << 16;
    let tripleTerms = new Int32Array(capacity);
    let tripleDocs = new Int32Array(capacity);
    let tripleWeights = new Float32Array(capacity);
    let tripleCount = 0;
    let frequency = new Float64Array(1 << 16);
    const docTermIds: number[] = [];
    documents.forEach((doc, docId) => {
      docTermIds.length = 0;
      fields.forEach((field, f) => {
        const segments = doc[f] ?? [];
        const length = fieldLength(segments);
        if (length === 0) return;
        const lengthFactor = 1 - field.lengthNormalization + field.lengthNormalization * (length / (averageLengths[f] ?? 1));
        const increment = field.weight / lengthFactor;
        for (const terms of segments) for (const term of terms) {
          const id = this.termId(term);
          if (id >= frequency.length) {
            const grown = new Float64Array(frequency.length * 2);
            grown.set(frequency);
            frequency = grown;
          }
          if (frequency[id] === 0) docTermIds.push(id);
          frequency[id]! += increment;
        }
      });
      for (const id of docTermIds) {
        if (tripleCount === capacity) {
          capacity *= 2;
          const terms = new Int32Array(capacity);
          terms.set(tripleTerms);
          tripleTerms = terms;
          const docs = new Int32Array(capacity);
          docs.set(tripleDocs);
          tripleDocs = docs;
          const weights = new Float32Array(capacity);
          weights.set(tripleWeights);
          tripleWeights = weights;
        }
        const f = frequency[id]!;
        tripleTerms[tripleCount] = id;
        tripleDocs[tripleCount] = docId;
        tripleWeights[tripleCount] = (f * (options.k1 + 1)) / (f + options.k1);
        tripleCount++;
        frequency[id] = 0;
      }
    });

    const n = documents.length;
    const termCount = this.termIds.size;
    const starts = new Int32Array(termCount + 1);
    for (let i = 0; i < tripleCount; i++) starts[tripleTerms[i]! + 1]!++;
    for (let id = 0; id < termCount; id++) starts[id + 1]! += starts[id]!;
    const allDocs = new Int32Array(tripleCount);
    const allWeights = new Float32Array(tripleCount);
    const cursor = starts.slice(0, termCount);
    for (let i = 0; i < tripleCount; i++) {
      const position = cursor[tripleTerms[i]!]!++;
      allDocs[position] = tripleDocs[i]!;
      allWeights[position] = tripleWeights[i]!;
    }
    this.postingStarts = starts;
    this.postingDocs = allDocs;
    this.postingWeights = allWeights;
    this.idf = new Float64Array(termCount);
    for (let id = 0; id < termCount; id++) {
      const df = starts[id + 1]! - starts[id]!;
      this.idf[id] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    this.scores = new Float64Array(n);
    this.matchedIdf = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.touchedFlags = new Uint8Array(n);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
    }
    return id;
  }

  /** Marks in `flags` (one byte per document) the documents containing `term`; returns how many. */
  markDocumentsWith(term: string, flags: Uint8Array): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const docs = this.postingDocs;
    const end = this.postingStarts[id + 1]!;
    for (let p = this.postingStarts[id]!; p < end; p++) flags[docs[p]!] = 1;
    return end - this.postingStarts[id]!;
  }

  /** Every indexed term. */
  terms(): IterableIterator<string> {
    return this.termIds.keys();
  }

  /** Term id (0..termCount−1, in first-seen order), −1 when absent. */
  idOf(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  get termCount(): number {
    return this.termIds.size;
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  idfOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.idf[id] ?? 0);
  }

  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postingStarts[id + 1]! - this.postingStarts[id]!;
  }

  /**
   * Scores all documents matching any query term. The returned arrays are reused
   * by the next call: read them before searching again.
   */
  search(query: readonly QueryTerm[]): ScoredDocuments {
    for (let i = 0; i < this.touchedCountLast; i++) {
      const doc = this.touched[i]!;
      this.scores[doc] = 0;
      this.matchedIdf[doc] = 0;
      this.touchedFlags[doc] = 0;
    }
    let touchedCount = 0;
    let queryIdf = 0;
    for (const { term, weight } of query) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.idf[id]!;
      const termWeight = weight * idf;
      queryIdf += weight * idf;
      const docs = this.postingDocs;
      const weights = this.postingWeights;
      const end = this.postingStarts[id + 1]!;
      for (let p = this.postingStarts[id]!; p < end; p++) {
        const doc = docs[p]!;
        if (this.touchedFlags[doc] === 0) {
          this.touchedFlags[doc] = 1;
          this.touched[touchedCount++] = doc;
        }
        this.scores[doc]! += termWeight * weights[p]!;
        this.matchedIdf[doc]! += weight * idf;
      }
    }
    this.touchedCountLast = touchedCount;
    return { scores: this.scores, matchedIdf: this.matchedIdf, touched: this.touched, touchedCount, queryIdf };
  }

  private touchedCountLast = 0;
}
