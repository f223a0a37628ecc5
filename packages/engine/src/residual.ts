import type { NcmEntry } from './table.js';
import { contentTerms, foldText } from './text/normalize.js';

/**
 * Residual-code prior. The nomenclature splits a subheading into named children and a residual
 * "Outros"/"Outras" child that takes everything else. When a description does not name any of a
 * named child's distinguishing words, the residual child is the right reading of the table; plain
 * retrieval instead ties the siblings (their shared ancestor text matches equally) or prefers a named
 * sibling whose leaf repeats a query word of the heading.
 *
 * For each leaf this keeps the "penalisable" nodes of its path below the heading: nodes that are not
 * residual themselves and have a residual sibling. Such a node is "matched" when the query contains one
 * of its distinguishing terms: its own words minus the words of its ancestors (or its own words when
 * that leaves nothing), plus the same for all its descendants.
 */
export class ResidualPrior {
  /** Leaf (document id) d's penalisable path nodes: leafNodeIds[leafNodeStarts[d] .. leafNodeStarts[d + 1]). */
  private readonly leafNodeStarts: Int32Array;
  private readonly leafNodeIds: Int32Array;
  /** Term → penalisable nodes whose distinguishing terms contain it. */
  private readonly nodesByTerm = new Map<string, number[]>();
  private readonly matchStamp: Int32Array;
  private generation = 0;

  /** `paths[doc]` lists the leaf's ancestors (chapter first) followed by the leaf itself. */
  constructor(paths: ReadonlyArray<readonly NcmEntry[]>, termsOf: (text: string) => string[] = contentTerms) {
    const children = new Map<string, Set<string>>();
    const entries = new Map<string, NcmEntry>();
    const ancestorTerms = new Map<string, Set<string>>();
    for (const path of paths) {
      path.forEach((node, depth) => {
        if (entries.has(node.code)) return;
        entries.set(node.code, node);
        const parent = path[depth - 1];
        const above = new Set(parent ? ancestorTerms.get(parent.code) : undefined);
        if (parent) for (const term of termsOf(parent.description)) above.add(term);
        ancestorTerms.set(node.code, above);
        if (parent) {
          let set = children.get(parent.code);
          if (!set) children.set(parent.code, (set = new Set()));
          set.add(node.code);
        }
      });
    }
    const hasResidualSibling = new Map<string, boolean>();
    for (const [parent, codes] of children) {
      const residual = [...codes].filter((code) => isResidual(entries.get(code)?.description ?? ''));
      for (const code of codes) hasResidualSibling.set(code, residual.some((other) => other !== code));
    }

    const distinguishing = new Map<string, Set<string>>();
    for (const [code, entry] of entries) {
      const own = termsOf(entry.description);
      const above = ancestorTerms.get(code) ?? new Set<string>();
      const specific = own.filter((term) => !above.has(term));
      distinguishing.set(code, new Set(specific.length > 0 ? specific : own));
    }
    const subtreeTerms = new Map<string, Set<string>>();
    const collect = (code: string): Set<string> => {
      let terms = subtreeTerms.get(code);
      if (terms) return terms;
      terms = new Set(distinguishing.get(code));
      for (const child of children.get(code) ?? []) for (const term of collect(child)) terms.add(term);
      subtreeTerms.set(code, terms);
      return terms;
    };

    const nodeIds = new Map<string, number>();
    const nodeTerms: Array<ReadonlySet<string>> = [];
    const ids: number[] = [];
    this.leafNodeStarts = new Int32Array(paths.length + 1);
    paths.forEach((path, doc) => {
      this.leafNodeStarts[doc] = ids.length;
      path.forEach((node, depth) => {
        if (node.code.length <= 4 || depth === 0 || isResidual(node.description) || hasResidualSibling.get(node.code) !== true) return;
        let id = nodeIds.get(node.code);
        if (id === undefined) {
          id = nodeTerms.length;
          nodeIds.set(node.code, id);
          nodeTerms.push(collect(node.code));
        }
        ids.push(id);
      });
    });
    this.leafNodeStarts[paths.length] = ids.length;
    this.leafNodeIds = Int32Array.from(ids);
    this.matchStamp = new Int32Array(nodeTerms.length);
    nodeTerms.forEach((terms, id) => {
      for (const term of terms) {
        if (/^\d+$/.test(term)) continue;
        let nodes = this.nodesByTerm.get(term);
        if (!nodes) this.nodesByTerm.set(term, (nodes = []));
        nodes.push(id);
      }
    });
  }

  /** Starts a query: `terms` are all query terms (own words and expansions); marks the nodes they match. */
  begin(terms: Iterable<string>): void {
    this.generation++;
    for (const term of terms) {
      for (const id of this.nodesByTerm.get(term) ?? []) this.matchStamp[id] = this.generation;
    }
  }

  /** Number of penalisable nodes on the leaf's path whose distinguishing words the query misses. */
  unmatchedLevels(doc: number): number {
    if (doc < 0 || doc >= this.leafNodeStarts.length - 1) return 0;
    const ids = this.leafNodeIds;
    const end = this.leafNodeStarts[doc + 1]!;
    let unmatched = 0;
    for (let i = this.leafNodeStarts[doc]!; i < end; i++) if (this.matchStamp[ids[i]!] !== this.generation) unmatched++;
    return unmatched;
  }
}

/** "Outros", "Outras:", "Outros, ..." — the residual entry of a split. */
export function isResidual(description: string): boolean {
  return /^outr[oa]s?\b/.test(foldText(description).trim());
}
