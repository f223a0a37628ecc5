import { contentTerms } from './text/normalize.js';

export interface ApprovedClassification {
  /** Names the approval, so that its withdrawal forgets it and no other. */
  classificationId?: string;
  partnumber: string;
  ncm: string;
  description?: string;
}

/** An approval that is no longer in force. */
export interface WithdrawnApproval {
  classificationId: string;
  partnumber: string;
  ncm: string;
}

export interface MemoryMatch {
  code: string;
  /** 1 for an exact partnumber match, below 1 for near matches. */
  similarity: number;
  kind: 'exact' | 'near';
  partnumber: string;
}

interface RememberedItem {
  classificationId: string | undefined;
  partnumber: string;
  key: string;
  code: string;
  terms: ReadonlySet<string>;
}

/** Upper-case, without spaces, dashes, dots, slashes and underscores: "6205-2rs.z" → "62052RSZ". */
export function normalizePartnumber(partnumber: string): string {
  return partnumber.toUpperCase().replace(/[\s\-./_]/g, '');
}

const MIN_PREFIX_LENGTH = 5;
const MIN_PREFIX_SHARE = 0.7;
const MIN_DESCRIPTION_SIMILARITY = 0.6;

function sharedPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Approved classifications: exact partnumber lookup plus near matches by prefix or description.
 * A partnumber is answered by its latest approval still remembered; withdrawing that one brings
 * back the one before it, as relearning only the approvals still in force would.
 */
export class ClassificationMemory {
  /** Per partnumber, its approvals in the order they were learned. */
  private readonly byKey = new Map<string, RememberedItem[]>();

  get size(): number {
    return this.byKey.size;
  }

  remember(approved: ApprovedClassification, code: string): void {
    const key = normalizePartnumber(approved.partnumber);
    if (key === '') return;
    const items = (this.byKey.get(key) ?? []).filter((item) => approved.classificationId === undefined || item.classificationId !== approved.classificationId);
    items.push({
      classificationId: approved.classificationId,
      partnumber: approved.partnumber,
      key,
      code,
      terms: new Set(contentTerms(approved.description ?? '')),
    });
    this.byKey.set(key, items);
  }

  /** `code`: the withdrawn one, normalised; it names an approval learned without an id. */
  forget(withdrawn: WithdrawnApproval, code: string | null): void {
    const key = normalizePartnumber(withdrawn.partnumber);
    const items = this.byKey.get(key);
    if (!items) return;
    let index = items.findLastIndex((item) => item.classificationId === withdrawn.classificationId);
    if (index < 0) index = items.findLastIndex((item) => item.classificationId === undefined && item.code === code);
    if (index < 0) return;
    items.splice(index, 1);
    if (items.length === 0) this.byKey.delete(key);
  }

  exact(partnumber: string): MemoryMatch | null {
    const item = this.byKey.get(normalizePartnumber(partnumber))?.at(-1);
    return item ? { code: item.code, similarity: 1, kind: 'exact', partnumber: item.partnumber } : null;
  }

  /** Near matches (same partnumber family or very similar description), best first, one per code. */
  near(partnumber: string, description: string, limit = 3): MemoryMatch[] {
    const key = normalizePartnumber(partnumber);
    const terms = new Set(contentTerms(description));
    const bestByCode = new Map<string, MemoryMatch>();
    for (const items of this.byKey.values()) {
      const item = items.at(-1)!;
      if (item.key === key) continue;
      const prefix = sharedPrefixLength(key, item.key);
      const prefixSimilarity =
        prefix >= MIN_PREFIX_LENGTH && prefix / Math.min(key.length, item.key.length) >= MIN_PREFIX_SHARE
          ? prefix / Math.max(key.length, item.key.length)
          : 0;
      const descriptionSimilarity = jaccard(terms, item.terms);
      const similarity = Math.max(
        prefixSimilarity,
        descriptionSimilarity >= MIN_DESCRIPTION_SIMILARITY ? descriptionSimilarity : 0,
      );
      if (similarity <= 0) continue;
      const previous = bestByCode.get(item.code);
      if (!previous || previous.similarity < similarity) {
        bestByCode.set(item.code, { code: item.code, similarity, kind: 'near', partnumber: item.partnumber });
      }
    }
    return [...bestByCode.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}
