/**
 * Synthetic training queries derived from the official tables only: each 8-digit code's standalone
 * Comex Stat Portuguese description and variants of it that look like an importer's description
 * (no leading "Outros", no numbers/units, head noun + the leaf's own words, parent's words dropped).
 */
import type { NcmEntry } from '../table.js';
import { isStopWord, stem, tokenize } from '../text/normalize.js';
import { isResidual } from '../residual.js';

export interface SyntheticQuery {
  code: string;
  description: string;
  variant: string;
}

const UNIT_WORDS = new Set(['kg', 'g', 'l', 'ml', 'cm', 'mm', 'm', 'cm3', 'm2', 'm3', 'kw', 'kva', 'v', 'w', 'hz', 'mhz', 'ghz', 'kv', 'mpa', 'bar', 't', 'dl', 'vol']);

function stripNumbers(tokens: readonly string[]): string[] {
  return tokens.filter((token, i) => !/\d/.test(token) && !(UNIT_WORDS.has(token) && /\d/.test(tokens[i - 1] ?? '')));
}

function dropLeadingResidual(tokens: readonly string[]): string[] {
  let i = 0;
  while (i < tokens.length && /^outr[oa]s?$/.test(tokens[i]!)) i++;
  return tokens.slice(i);
}

/** Keeps stop words only between kept content words (so "de", "para" stay readable). */
function keepContent(tokens: readonly string[], keep: (token: string, contentIndex: number) => boolean): string[] {
  const out: string[] = [];
  let pending: string[] = [];
  let contentIndex = 0;
  for (const token of tokens) {
    if (isStopWord(token)) {
      pending.push(token);
      continue;
    }
    if (keep(token, contentIndex++)) {
      if (out.length > 0) out.push(...pending);
      out.push(token);
    }
    pending = [];
  }
  return out;
}

/**
 * Query variants for one code. `random` picks which variants to keep (deterministic given a seeded PRNG).
 * `ancestors` are the code's ancestors, chapter first.
 */
export function queryVariants(entry: NcmEntry, standalone: string, ancestors: readonly NcmEntry[]): Array<{ variant: string; description: string }> {
  // The table's own "exceto ..." clauses describe siblings, not the goods: an importer does not write them.
  const positive = standalone.replace(/\b(?:exceto|excepto|salvo)\b.*$/i, ' ');
  const base = dropLeadingResidual(tokenize(positive.replace(/\([^)]*\)/g, ' ')));
  if (base.length === 0) return [];
  const variants: Array<{ variant: string; description: string }> = [];
  const add = (variant: string, tokens: readonly string[]): void => {
    if (tokens.filter((t) => !isStopWord(t)).length === 0) return;
    const description = tokens.join(' ');
    if (variants.some((v) => v.description === description)) return;
    variants.push({ variant, description });
  };
  add('standalone', dropLeadingResidual(tokenize(positive)));
  const noNumbers = stripNumbers(base);
  add('no-numbers', noNumbers);

  // The leaf's own words (for an "Outros" leaf: none) plus the head noun.
  const leafTerms = new Set(isResidual(entry.description) ? [] : tokenize(entry.description).filter((t) => !isStopWord(t)).map(stem));
  const parent = ancestors[ancestors.length - 1];
  const parentTerms = new Set(parent ? tokenize(parent.description).filter((t) => !isStopWord(t)).map(stem) : []);
  add(
    'head-and-leaf',
    keepContent(noNumbers, (token, index) => index === 0 || leafTerms.has(stem(token))),
  );
  add(
    'without-parent',
    keepContent(noNumbers, (token, index) => index === 0 || leafTerms.has(stem(token)) || !parentTerms.has(stem(token))),
  );
  add(
    'short',
    keepContent(noNumbers, (token, index) => index < 4 || leafTerms.has(stem(token))),
  );
  return variants;
}

/** FNV-1a hash: deterministic train/validation assignment of codes. */
export function codeHash(code: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    hash ^= code.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
