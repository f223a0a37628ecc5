import { Bm25fIndex, fieldLength, type FieldSpec, type QueryTerm } from './retrieval.js';
import { isInForce, normalizeNcmCode, type NcmEntry, type NcmTable } from './table.js';
import { contentTerms, isMeasurementToken, isNegation, isUnitAfterNumber, isQualifierWord, isStopWord, negatedTerm, stem, tokenize } from './text/normalize.js';
import { compileAliases, isMaterialFormWord, isMaterialWord, matchAliasPositions, metalsNamed, rewritePhrases, TRADE_PHRASES, type CompiledAliases } from './vocabulary.js';
import { matchSpecHints } from './hints.js';
import { ResidualPrior } from './residual.js';
import { ClassificationMemory, type ApprovedClassification, type WithdrawnApproval } from './memory.js';
import { estimateConfidence, rerankedConfidence, NEEDS_REVIEW_BELOW, MEMORY_EXACT_CONFIDENCE } from './confidence.js';
import { compareRanges, intersectRanges, quantityRanges, type QuantityRange } from './quantities.js';
import { assertModelMatchesFeatures, RERANK_FEATURE_COUNT, rerankScore, type RerankerModel } from './reranker.js';
import { RERANKER_WEIGHTS } from './reranker-weights.js';
import { isResidual } from './residual.js';

export const ENGINE_NAME = 'nexa-reference';

export interface ClassifyInput {
  partnumber: string;
  description?: string;
  manufacturer?: string;
  supplier?: string;
}

export interface Candidate {
  /** 8 digits. */
  code: string;
  description: string;
  /** Hierarchy path, chapter down to the code. */
  path: string;
  score: number;
}

export interface EngineResult {
  /** Top 5, best first. */
  candidates: Candidate[];
  /** Calibrated 0..1. */
  confidence: number;
  needsReview: boolean;
  justification: string;
  engine: typeof ENGINE_NAME;
  tableVersion: string;
  source: 'memory' | 'retrieval';
}

export interface ReferenceEngine {
  classify(input: ClassifyInput): EngineResult;
  remember(approved: ApprovedClassification): void;
  /** The approval is no longer in force: its partnumber falls back to its previous approval still remembered, if any. */
  forget(withdrawn: WithdrawnApproval): void;
  readonly tableVersion: string;
  /** Number of classifiable (8-digit, in force) codes. */
  readonly size: number;
  /**
   * The retrieval ranking (before reranking and diversity) of up to `size` candidates with their reranker
   * features (see RERANK_FEATURES); used to train the reranker.
   */
  candidateFeatures?(input: ClassifyInput, size: number): { codes: string[]; features: number[][] };
}

export interface ReferenceEngineOptions {
  table: NcmTable;
  /** Standalone Portuguese descriptions per 8-digit code (Comex Stat), used to enrich documents. */
  standaloneDescriptions?: ReadonlyMap<string, string>;
  /** English and Spanish descriptions per 8-digit code (Comex Stat), so English/Spanish descriptions match. */
  translatedDescriptions?: ReadonlyMap<string, string>;
  /** HS 2022 English text per HS code (2, 4 or 6 digits), attached to the NCM codes below it. */
  hsDescriptions?: ReadonlyMap<string, string>;
  /** Approved classifications to start with. */
  memory?: readonly ApprovedClassification[];
  /** Codes must be in force on this date (default: today). */
  onDate?: Date | string;
  /** Scoring parameters; defaults are the tuned values. */
  tuning?: Partial<ScoringTuning>;
  /** Learned reranker of the top candidates; default: the committed weights (src/reranker-weights.ts); null = off. */
  reranker?: RerankerModel | null;
}

export interface ScoringTuning {
  fieldWeights: { leaf: number; standalone: number; inner: number; heading: number; chapter: number; phrase: number; foreign: number };
  k1: number;
  /** Query weight of alias and hint expansions relative to the user's own words. */
  expansionWeight: number;
  /** Query weight of words inside an exclusion clause ("exceto ..."). */
  exclusionWeight: number;
  /** Query weight of packaging/quantity qualifiers ("embalagens", "inferior", "1 kg"). */
  qualifierWeight: number;
  /**
   * Query weight of a material word ("stainless", "steel", "brass") in a description that also names the goods:
   * "Ball valve stainless steel" is a valve, not a steel product of chapter 72. Nor is such a word the head noun.
   * 1 = off: read as any other word.
   */
  materialWeight: number;
  /** Extra weight of the first content words (the head noun of a Portuguese description), fading over a few words. */
  leadingTermBoost: number;
  /** Final score = retrieval × (coverageFloor + (1 − coverageFloor) × coverage^coverageExponent). */
  coverageFloor: number;
  coverageExponent: number;
  /** Share of the best leaf score in the same heading / subheading added to each leaf. */
  headingSmoothing: number;
  subheadingSmoothing: number;
  /** Multiplier for documents where the description's head noun heads an item of the heading, subheading or leaf text (1 = off). */
  headIsHeadBoost: number;
  /** Multiplier for documents that lack the head noun (first content word) of the description. */
  headTermMissPenalty: number;
  /** Weight of the heading-level index (heading text plus all its descendants). */
  headingIndexWeight: number;
  /** Bonus (as a share of the best score) for a code seen in a near memory match, times similarity. */
  nearMemoryBoost: number;
  /**
   * Residual-code prior: multiplier, per level below the heading, for a node that has an "Outros"/"Outras"
   * sibling while the query names none of the node's distinguishing words (1 = off).
   */
  residualPenalty: number;
  /** Multiplier for a code whose own text below the heading contains a word of an exclusion clause ("exceto X"). */
  exclusionPenalty: number;
  /**
   * Multipliers for a code whose path thresholds ("inferior ou igual a 2 kg") the description's quantity
   * contradicts / satisfies (`src/quantities.ts`; 1 = off).
   */
  quantityConflictPenalty: number;
  quantityFitBoost: number;
  /** Read an "Outros" code as what its siblings' thresholds leave, so a quantity within one conflicts with it (false = off). */
  residualQuantityComplement: boolean;
  /** Multiplier for a code for waste, scrap, used or retreaded goods when the description calls its goods new (1 = off). */
  newGoodsConditionPenalty: number;
  /** The same, when the description says nothing of its goods' condition: goods are bought new unless said otherwise (1 = off). */
  unstatedConditionPenalty: number;
  /**
   * Multiplier for a code of a base-metal chapter other than the metal the description implies: a code of the
   * non-ferrous chapters (copper, nickel, aluminium, lead, zinc, tin, other base metals) when the description names
   * none of their metals — hardware whose metal goes unsaid is of iron or steel —, and an iron or steel code (72, 73)
   * when it names only a non-ferrous metal (1 = off).
   */
  otherMetalPenalty: number;
  /** Top-5 diversity: at most this many candidates from one 4-digit heading while others qualify (5 = off). */
  maxPerHeading: number;
  /** Same, per 6-digit subheading. */
  maxPerSubheading: number;
  /** With the reranker: places of the top 5 kept for the best retrieval-ranked candidates the reranker left out (0 = off). */
  retrievalSlots: number;
  /** Query weight of the known terms standing for a word absent from the table (compound parts, prefix match); 0 = off. */
  unknownWordWeight: number;
  /** Read "não X" in the description as its own term, as the index does (false = drop "não", match X). */
  negatedTerms: boolean;
  /** Index the table's own "exceto ..." clauses as words of the code (true = the former behaviour). */
  indexExclusionClauses: boolean;
  /** Match ratings and sizes written as one token ("60v", "2a") as words (true = the former behaviour). */
  measurementsAsTerms: boolean;
  /**
   * A head noun the table never uses but the vocabulary knows ("geladeira") is read through its alias: the
   * alias's first word the table knows is the head term and takes the head's leading boost (false = the former
   * behaviour: the head term is the next word the table knows, "free" in "Geladeira frost free").
   */
  headThroughAlias: boolean;
  /**
   * A word read through an alias counts as found in a code that holds the alias's head word, in the confidence's
   * matched share and the justification ("geladeira" in a code for "refrigeradores"); false = only the word itself.
   */
  aliasWordsMatch: boolean;
}

export const DEFAULT_TUNING: ScoringTuning = {
  fieldWeights: { leaf: 3, standalone: 2, inner: 3, heading: 0.8, chapter: 0.8, phrase: 1.5, foreign: 1 },
  k1: 1.2,
  expansionWeight: 0.8,
  exclusionWeight: 0.15,
  qualifierWeight: 0.05,
  materialWeight: 0.3,
  leadingTermBoost: 1,
  coverageFloor: 0.4,
  coverageExponent: 1,
  headTermMissPenalty: 0.85,
  headIsHeadBoost: 1.2,
  headingSmoothing: 0,
  subheadingSmoothing: 0.1,
  headingIndexWeight: 0.3,
  nearMemoryBoost: 0.5,
  residualPenalty: 0.85,
  maxPerHeading: 3,
  maxPerSubheading: 5,
  retrievalSlots: 1,
  exclusionPenalty: 0.6,
  quantityConflictPenalty: 0.6,
  quantityFitBoost: 1,
  residualQuantityComplement: true,
  newGoodsConditionPenalty: 0.2,
  unstatedConditionPenalty: 0.5,
  otherMetalPenalty: 0.5,
  unknownWordWeight: 0.7,
  negatedTerms: true,
  indexExclusionClauses: false,
  measurementsAsTerms: false,
  headThroughAlias: true,
  aliasWordsMatch: true,
};

const TOP_K = 5;
/** Ranked candidates considered when diversifying the top 5. */
const CANDIDATE_POOL = 60;
const LEADING_TERM_SPAN = 4;
const FIELD_ORDER = ['leaf', 'standalone', 'inner', 'heading', 'chapter', 'phrase', 'foreign'] as const;
const EXCLUSION_MARKERS = new Set(['exceto', 'excepto', 'except', 'excluding', 'excluindo', 'excluido', 'excluidos', 'excluida', 'excluidas', 'salvo']);
/** Portuguese/English combining forms that start compounds ("motoventilador", "microrrolamento", "eletrobomba"). */
const COMBINING_FORMS = new Set([
  'moto', 'eletro', 'electro', 'micro', 'mini', 'auto', 'hidro', 'termo', 'foto', 'radio', 'video', 'semi', 'multi',
  'super', 'ultra', 'bi', 'tri', 'mono', 'poli', 'macro', 'servo', 'aero', 'turbo', 'mega', 'nano', 'pre', 'pos',
  'anti', 'contra', 'sub', 'sobre', 'inter', 'tele', 'bio', 'eco', 'agro', 'quadri', 'tetra', 'penta', 'hexa',
]);

/** Words that point at other parts of the nomenclature ("exceto os classificados na subposição 9504.30"). */
const REFERENCE_WORDS = new Set([
  'classificado', 'classificados', 'classificada', 'classificadas', 'subposicao', 'subposicoes', 'posicao', 'posicoes',
  'codigo', 'codigos', 'capitulo', 'capitulos', 'nota', 'notas', 'item', 'itens', 'mencionado', 'mencionados',
  'mencionada', 'mencionadas', 'referido', 'referidos', 'referida', 'referidas', 'descrito', 'descritos',
]);

/** Words that open an exclusion clause (see positiveText). */
const CLAUSE_EXCLUSION_MARKERS = new Set(['exceto', 'excepto', 'salvo', 'excluindo', 'excluido', 'excluidos', 'excluida', 'excluidas']);

/** A description without its exclusion clause ("Copos, exceto de vitrocerâmica" → "Copos,"). */
const SAYS_NOTHING_ALONE = /^(outr[oa]s?|demais)[.:;]?$/i;

/**
 * A leaf's own text, or, when it says nothing alone ("Outros", 29 % of leaves), the nearest ancestor's
 * that does with it: "Rolamentos de esferas — Outros", so five alternatives are told apart.
 */
export function selfStandingDescription(description: string, pathText: string): string {
  if (!SAYS_NOTHING_ALONE.test(description.trim())) return description;
  const ancestors = pathText.split(' > ').slice(0, -1).reverse();
  const named = ancestors.find((text) => !SAYS_NOTHING_ALONE.test(text.trim()));
  return named ? `${named.trim().replace(/[.:;]+$/, '')} — ${description.trim()}` : description;
}

function positiveText(description: string): string {
  const match = /\b(?:exceto|excepto|salvo|excluindo|exclu[ií]d[oa]s?)(?![\p{L}\d])/iu.exec(description);
  return match ? description.slice(0, match.index) : description;
}

/**
 * The description with its parenthesised exclusion clauses moved to the end, so that everything after the first
 * "exceto" is excluded and nothing else: "Objetos para mesa (exceto copos) ou de cozinha" → "Objetos para mesa ou
 * de cozinha; exceto copos".
 */
export function exclusionsLast(description: string): string {
  const clauses: string[] = [];
  const rest = description.replace(/\(\s*((?:exceto|excepto|salvo|excluindo|exclu[ií]d[oa]s?)(?![\p{L}\d])[^()]*)\)/giu, (_, clause: string) => {
    clauses.push(clause.trim());
    return ' ';
  });
  return clauses.length === 0 ? description : `${rest.replace(/\s+/g, ' ').trim()}; ${clauses.join('; ')}`;
}

/**
 * A nomenclature text without its own exclusion clauses, which name goods the code does NOT cover:
 * "Instrumentos e aparelhos para navegação (exceto bússolas)" must not match "bússolas". A clause runs from
 * "exceto"/"salvo" to the closing parenthesis it sits in, or else to the next ",", ";", ":" or the end.
 */
export function withoutExclusionClauses(text: string): string {
  return text.replace(/\([^()]*?\b(?:exceto|excepto|salvo)\b[^()]*\)|\b(?:exceto|excepto|salvo)\b[^,;:]*/gi, (clause) => (clause.startsWith('(') ? ' ' : ''));
}

interface LeafDocument {
  entry: NcmEntry;
  headingKey: string;
  subheadingKey: string;
}

/**
 * Head words of a nomenclature text: the first content word of each listed item ("Talhas, cadernais e
 * moitões; guinchos; macacos" → talha, cadernal, moitao, guincho, macaco). In Portuguese the head noun comes
 * first, so "açúcar" heads "Açúcares de cana..." but only qualifies "Melaços ... do açúcar".
 */
const MODIFIER_OPENERS = new Set([
  'de', 'do', 'da', 'dos', 'das', 'para', 'com', 'sem', 'em', 'no', 'na', 'nos', 'nas', 'por', 'pelo', 'pela', 'pelos',
  'pelas', 'ao', 'aos', 'mesmo', 'mesma', 'mesmos', 'mesmas', 'exceto', 'incluindo', 'inclusive', 'contendo', 'que',
]);

function headWords(text: string, termsOf: (text: string) => string[]): string[] {
  const heads: string[] = [];
  for (const segment of positiveText(text).split(/[,;:.()]|\s(?:e|ou)\s/i)) {
    // "..., de fonte externa ou de acumuladores": an item opened by a preposition qualifies, it names no goods.
    if (MODIFIER_OPENERS.has(tokenize(segment)[0] ?? '')) continue;
    const first = termsOf(segment)[0];
    if (first !== undefined && !heads.includes(first)) heads.push(first);
  }
  return heads;
}

/** The text without its hyphenated compounds: "apara-lápis" (a pencil sharpener) says nothing of "aparas" (trimmings). */
function withoutCompounds(text: string): string {
  return text.replace(/\p{L}+(?:-\p{L}+)+/gu, ' ');
}

function bigrams(terms: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < terms.length; i++) pairs.push(`${terms[i]}_${terms[i + 1]}`);
  return pairs;
}

function ancestorsOf(entry: NcmEntry, byCode: ReadonlyMap<string, NcmEntry>): NcmEntry[] {
  const chain: NcmEntry[] = [];
  let parentCode = entry.parent;
  while (parentCode !== null) {
    const parent = byCode.get(parentCode);
    if (!parent) break;
    chain.unshift(parent);
    parentCode = parent.parent;
  }
  return chain;
}

/** Stems that make a node a parts/accessories entry ("Partes e acessórios", "Partes reconhecíveis como..."). */
const PART_HEADS = new Set(['part', 'acessori']);
/** Stems with which a description asks for a part rather than the whole article. */
const PART_WORDS = new Set(['part', 'peca', 'acessori', 'component', 'reposic']);

/** Stems of "novo/nova/novos/novas": goods said to be new are not waste, used or retreaded goods. */
const NEW_STEMS = new Set(['novo', 'nova']);

/** Chapters of the base metals other than iron and steel, each of whose codes is for goods of that metal. */
const NON_FERROUS_METAL_CHAPTERS = new Set(['74', '75', '76', '78', '79', '80', '81']);
const FERROUS_METAL_CHAPTERS = new Set(['72', '73']);
const enum MetalOfCode {
  None = 0,
  NonFerrous = 1,
  Ferrous = 2,
}

/** Stems of a condition that sets goods apart from new ones: waste, scrap, used, retreaded, unserviceable. */
const CONDITION_WORDS = new Set(['desperdicios', 'residuos', 'sucatas', 'aparas', 'inserviveis', 'usados', 'recauchutados'].map(stem));
/** Stems with which a description says its goods are in such a condition: the table's words, and English and Spanish ones. */
const CONDITION_INTENT_WORDS = new Set([...CONDITION_WORDS, ...['scrap', 'waste', 'used', 'retreaded', 'spent', 'chatarra', 'desechos'].map(stem)]);

/** A ranked candidate with the retrieval signals the reranker reads. */
interface PoolItem {
  doc: number;
  score: number;
  coverage: number;
  head: number;
  residual: number;
  excluded: number;
  headingRel: number;
  subBest: number;
  boost: number;
}

/** Reranker logits added per unit of near-memory boost (similarity × nearMemoryBoost). */
const RERANK_BOOST_LOGITS = 8;

interface WeightedQuery {
  terms: QueryTerm[];
  /** First content word of the description: in Portuguese product names, the head noun. */
  headTerm: string | null;
  /** Head words of the description's listed items ("Bombons, balas, caramelos" → bombom, bala, caramelo). */
  itemHeads: string[];
  /** Unigram terms from the user's own words (for the justification). */
  ownTerms: Set<string>;
  /** An own term read through an alias → the alias's first word the table knows ("geladeir" → "refriger"). */
  aliasHeads: Map<string, string>;
  /** Content terms inside an exclusion clause ("exceto ..."). */
  excludedTerms: Set<string>;
  expansions: string[];
  /** Quantities and thresholds the description names ("600 ml", "inferior ou igual a 1 kg"). */
  quantities: QuantityRange[];
  /** The description calls the goods new ("Pneus novos"), outside any exclusion clause. */
  namesNew: boolean;
  /** The description says its goods are waste, scrap, used or retreaded. */
  namesCondition: boolean;
  /** The base metal whose codes the description's metal words (or their absence) contradict. */
  otherMetal: MetalOfCode;
}

export function createReferenceEngine(options: ReferenceEngineOptions): ReferenceEngine {
  const tuning: ScoringTuning = {
    ...DEFAULT_TUNING,
    ...options.tuning,
    fieldWeights: { ...DEFAULT_TUNING.fieldWeights, ...options.tuning?.fieldWeights },
  };
  const { table } = options;
  const onDate = options.onDate ?? new Date();
  const byCode = new Map<string, NcmEntry>(table.entries.map((entry) => [entry.code, entry]));

  // Ancestor texts repeat across thousands of leaves: tokenise each distinct text once.
  // The same term comes out of thousands of texts: one string per distinct term (and word pair) keeps the
  // build's live heap, and so the process's resident memory, small.
  const internedTerms = new Map<string, string>();
  const intern = (term: string): string => {
    const known = internedTerms.get(term);
    if (known !== undefined) return known;
    internedTerms.set(term, term);
    return term;
  };
  const termCache = new Map<string, string[]>();
  const termsOf = (text: string): string[] => {
    let terms = termCache.get(text);
    if (terms === undefined) termCache.set(text, (terms = contentTerms(text).map(intern)));
    return terms;
  };

  const bigramCache = new Map<string, string[]>();
  const bigramsOf = (text: string): string[] => {
    let pairs = bigramCache.get(text);
    if (pairs === undefined) bigramCache.set(text, (pairs = bigrams(termsOf(text)).map(intern)));
    return pairs;
  };

  const headCache = new Map<string, string[]>();
  const headsOf = (text: string): string[] => {
    let heads = headCache.get(text);
    if (heads === undefined) headCache.set(text, (heads = headWords(text, termsOf)));
    return heads;
  };

  const conditionCache = new Map<string, boolean>();
  const namesCondition = (text: string): boolean => {
    let names = conditionCache.get(text);
    if (names === undefined) conditionCache.set(text, (names = termsOf(withoutCompounds(positiveText(text))).some((term) => CONDITION_WORDS.has(term))));
    return names;
  };

  const ownTextCache = new Map<string, string>();
  const ownText = (text: string): string => {
    let own = ownTextCache.get(text);
    if (own === undefined) ownTextCache.set(text, (own = tuning.indexExclusionClauses ? text : withoutExclusionClauses(text)));
    return own;
  };

  const leaves: LeafDocument[] = [];
  /** Per leaf, per field: the term segments (cached per text, shared between leaves). */
  const documents: string[][][][] = [];
  /** Per leaf: head words of its heading, and of its subheadings and own text. */
  const headingHeads: string[][] = [];
  const pathHeads: string[][] = [];
  const partsFlags: number[] = [];
  const conditionFlags: number[] = [];
  /** Per leaf with thresholds in its path (exclusion clauses left out): the path's ranges. */
  const leafQuantities = new Map<number, QuantityRange[]>();
  const quantityCache = new Map<string, QuantityRange[]>();
  const quantitiesOf = (text: string): QuantityRange[] => {
    let ranges = quantityCache.get(text);
    if (ranges === undefined) quantityCache.set(text, (ranges = quantityRanges(positiveText(text))));
    return ranges;
  };
  /**
   * Per leaf whose path holds an "Outros" node below the heading: the thresholds of that node's siblings. "Outros"
   * is what its siblings leave, so a quantity within a sibling's threshold is not one of its goods ("Relés: Para uma
   * tensão não superior a 60 V / Outros").
   */
  const leafSiblingRanges = new Map<number, QuantityRange[][]>();
  const childrenOf = new Map<string, NcmEntry[]>();
  for (const entry of table.entries) {
    if (entry.parent === null || !isInForce(entry, onDate)) continue;
    const children = childrenOf.get(entry.parent);
    if (children) children.push(entry);
    else childrenOf.set(entry.parent, [entry]);
  }
  const headingTexts = new Map<string, string[]>();
  const leafPaths: NcmEntry[][] = [];
  for (const entry of table.entries) {
    if (entry.code.length !== 8 || !isInForce(entry, onDate)) continue;
    const ancestors = ancestorsOf(entry, byCode);
    leafPaths.push([...ancestors, entry]);
    const leafTerms = termsOf(ownText(entry.description));
    const standalone = ownText(options.standaloneDescriptions?.get(entry.code) ?? '');
    const standaloneTerms = termsOf(standalone);
    const innerAncestors = ancestors.filter((a) => a.code.length > 4);
    const innerTermLists = innerAncestors.map((a) => termsOf(ownText(a.description)));
    const heading = ancestors.find((a) => a.code.length === 4);
    const headingTerms = heading ? termsOf(ownText(heading.description)) : [];
    const chapter = ancestors.find((a) => a.code.length === 2);
    const hsSubheading = options.hsDescriptions?.get(entry.code.slice(0, 6)) ?? '';
    const hsHeading = options.hsDescriptions?.get(entry.code.slice(0, 4)) ?? '';
    const translatedTexts = [options.translatedDescriptions?.get(entry.code) ?? '', hsSubheading, hsHeading].map(ownText);
    const translatedTermLists = translatedTexts.map(termsOf);
    const phraseSegments = [ownText(entry.description), standalone, ownText(heading?.description ?? ''), ...innerAncestors.map((a) => ownText(a.description)), ...translatedTexts].map(bigramsOf);
    const fields: Record<(typeof FIELD_ORDER)[number], string[][]> = {
      leaf: [leafTerms],
      standalone: [standaloneTerms],
      inner: innerTermLists,
      heading: [headingTerms],
      chapter: [chapter ? termsOf(chapter.description) : []],
      phrase: phraseSegments,
      foreign: translatedTermLists,
    };
    documents.push(FIELD_ORDER.map((name) => fields[name]));
    headingHeads.push(heading ? headsOf(heading.description) : []);
    pathHeads.push([...new Set([...innerAncestors, entry].flatMap((node) => headsOf(node.description)))]);
    conditionFlags.push([heading, ...innerAncestors, entry].some((node) => node !== undefined && namesCondition(node.description)) ? 1 : 0);
    partsFlags.push([...headingHeads[headingHeads.length - 1]!, ...pathHeads[pathHeads.length - 1]!].some((head) => PART_HEADS.has(head)) ? 1 : 0);
    const pathRanges = intersectRanges([heading, ...innerAncestors, entry].flatMap((node) => (node ? [quantitiesOf(node.description)] : [])));
    if (pathRanges.length > 0) leafQuantities.set(leaves.length, pathRanges);
    const siblingRanges = [...innerAncestors, entry]
      .filter((node) => node.parent !== null && isResidual(node.description))
      .flatMap((node) => (childrenOf.get(node.parent!) ?? []).filter((sibling) => sibling !== node).map((sibling) => quantitiesOf(sibling.description)))
      .filter((ranges) => ranges.length > 0);
    if (siblingRanges.length > 0) leafSiblingRanges.set(leaves.length, siblingRanges);
    const headingKey = entry.code.slice(0, 4);
    leaves.push({ entry, headingKey, subheadingKey: entry.code.slice(0, 6) });
    let texts = headingTexts.get(headingKey);
    if (!texts) {
      texts = heading ? [heading.description] : [];
      headingTexts.set(headingKey, texts);
    }
    texts.push(entry.description, ...innerAncestors.map((a) => a.description), standalone, hsHeading, hsSubheading);
  }

  const fieldSpecs: FieldSpec[] = FIELD_ORDER.map((name) => ({
    name,
    weight: tuning.fieldWeights[name],
    lengthNormalization: name === 'chapter' ? 0.3 : 0.6,
  }));
  const leafIndex = new Bm25fIndex(documents, fieldSpecs, { k1: tuning.k1 });
  // After indexing, documents are kept as term ids per unigram field in one flat array (justification,
  // reranker features).
  const phraseField = FIELD_ORDER.indexOf('phrase');
  const FIELD_COUNT = FIELD_ORDER.length;
  /** Field f of document d: termIdsFlat[fieldStarts[d·F + f] .. fieldStarts[d·F + f + 1]). */
  const fieldStarts = new Int32Array(documents.length * FIELD_COUNT + 1);
  let totalTerms = 0;
  documents.forEach((fields, d) => fields.forEach((segments, f) => {
    fieldStarts[d * FIELD_COUNT + f] = totalTerms;
    if (f !== phraseField) totalTerms += fieldLength(segments);
  }));
  fieldStarts[documents.length * FIELD_COUNT] = totalTerms;
  // Head-word ranges follow the fields in the same flat array: heading heads, then path heads, per document.
  const headStarts = new Int32Array(documents.length * 2 + 1);
  documents.forEach((_, d) => {
    headStarts[d * 2] = totalTerms;
    totalTerms += headingHeads[d]!.length;
    headStarts[d * 2 + 1] = totalTerms;
    totalTerms += pathHeads[d]!.length;
  });
  headStarts[documents.length * 2] = totalTerms;
  const termIdsFlat = new Int32Array(totalTerms);
  documents.forEach((fields, d) => fields.forEach((segments, f) => {
    if (f === phraseField) return;
    let at = fieldStarts[d * FIELD_COUNT + f]!;
    for (const terms of segments) for (const term of terms) termIdsFlat[at++] = leafIndex.idOf(term);
  }));
  documents.forEach((_, d) => {
    let at = headStarts[d * 2]!;
    for (const term of [...headingHeads[d]!, ...pathHeads[d]!]) termIdsFlat[at++] = leafIndex.idOf(term);
  });
  /** Documents per head word (heading, subheading or leaf item head): term id → document ids. */
  const docsByHead = new Map<number, number[]>();
  documents.forEach((_, d) => {
    for (const term of new Set([...headingHeads[d]!, ...pathHeads[d]!])) {
      const id = leafIndex.idOf(term);
      let docs = docsByHead.get(id);
      if (!docs) docsByHead.set(id, (docs = []));
      docs.push(d);
    }
  });
  documents.length = 0;
  headingHeads.length = 0;
  pathHeads.length = 0;
  /** Terms of the index that are numbers ("20", "6205"): not counted as words a query misses. */
  const numericTermIds = new Uint8Array(leafIndex.termCount);
  {
    let id = 0;
    for (const term of leafIndex.terms()) {
      const first = term.charCodeAt(0);
      if (first >= 48 && first <= 57) numericTermIds[id] = 1;
      id++;
    }
  }
  const queryTermMass = new Float64Array(leafIndex.termCount);
  const queryTermSeen = new Int32Array(leafIndex.termCount);
  let queryTermStamp = 0;

  const headingKeys = [...headingTexts.keys()];
  const headingIdByKey = new Map(headingKeys.map((key, id) => [key, id]));
  const headingIndex = new Bm25fIndex(
    headingKeys.map((key) => {
      // The texts were tokenised for the leaf documents already: reuse their cached terms.
      const terms = [...new Set(headingTexts.get(key))].flatMap(termsOf);
      return [[terms]];
    }),
    [{ name: 'all', weight: 1, lengthNormalization: 0.5 }],
    { k1: tuning.k1 },
  );
  const leafHeadingIds = Int32Array.from(leaves.map((leaf) => headingIdByKey.get(leaf.headingKey) ?? -1));
  const docIdByCode = new Map(leaves.map((leaf, id) => [leaf.entry.code, id]));

  const residualPrior = new ResidualPrior(leafPaths, termsOf);
  /** Documents whose own text below the heading (leaf and subheadings) contains a term. */
  const belowHeadingDocs = new Map<string, number[]>();
  leafPaths.forEach((path, doc) => {
    const terms = new Set(path.filter((node) => node.code.length > 4).flatMap((node) => termsOf(positiveText(node.description))));
    for (const term of terms) {
      let docs = belowHeadingDocs.get(term);
      if (!docs) belowHeadingDocs.set(term, (docs = []));
      docs.push(doc);
    }
  });
  // The text caches are only needed while building.
  termCache.clear();
  ownTextCache.clear();
  bigramCache.clear();
  internedTerms.clear();
  headCache.clear();
  conditionCache.clear();
  quantityCache.clear();
  const excludedFlags = new Uint8Array(leafPaths.length);
  const vocabulary = [...leafIndex.terms()].filter((term) => /^[a-z]+$/.test(term)).sort();

  /**
   * Nomenclature terms for a word the table never uses: a compound whose right part is known (the head:
   * "motoventiladores" → ventilador, "eletrobombas" → bomba), or, failing that, the most frequent known
   * term sharing a long prefix.
   */
  function resolveUnknown(token: string, combiningFormsOnly = false): string[] {
    if (!/^[a-z]{6,}$/.test(token)) return [];
    // Compound: a known left part or a combining form (moto-, eletro-, micro-...) followed by a known
    // head; the longest head wins.
    for (let cut = 2; cut <= token.length - 5; cut++) {
      // Portuguese doubles r/s after a vowel-final prefix: "mini" + "rolamento" → "minirrolamento".
      const doubled = (token[cut] === 'r' || token[cut] === 's') && token[cut + 1] === token[cut];
      const right = stem(token.slice(doubled ? cut + 1 : cut));
      if (!leafIndex.has(right)) continue;
      const prefix = token.slice(0, cut);
      const left = combiningFormsOnly ? undefined : [prefix, stem(prefix)].find((part) => part.length >= 3 && leafIndex.has(part));
      if (left !== undefined) return [left, right];
      if (COMBINING_FORMS.has(prefix)) return [right];
    }
    if (combiningFormsOnly) return [];
    const stemmed = stem(token);
    for (let length = stemmed.length - 1; length >= Math.max(6, stemmed.length - 2); length--) {
      const prefix = stemmed.slice(0, length);
      let lo = 0;
      let hi = vocabulary.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (vocabulary[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      let chosen: string | null = null;
      let chosenFrequency = 0;
      for (let i = lo; i < vocabulary.length && vocabulary[i]!.startsWith(prefix); i++) {
        const frequency = leafIndex.documentFrequency(vocabulary[i]!);
        if (frequency > chosenFrequency) {
          chosen = vocabulary[i]!;
          chosenFrequency = frequency;
        }
      }
      if (chosen !== null) return [chosen];
    }
    return [];
  }
  const aliases: CompiledAliases = compileAliases();
  /** An alias's first word the table knows: its head noun, as aliases are written ("refrigeradores"). */
  const headWordOfAlias = new Map(aliases.aliases.map(({ expansion }) => [expansion, contentTerms(expansion).find((term) => leafIndex.has(term)) ?? null]));
  const aliasHeadOf = (expansion: string): string | null => headWordOfAlias.get(expansion) ?? null;
  const phrases: CompiledAliases = compileAliases(TRADE_PHRASES);
  const memory = new ClassificationMemory();

  function remember(approved: ApprovedClassification): void {
    const code = normalizeNcmCode(approved.ncm);
    if (code === null) throw new Error(`Cannot remember "${approved.partnumber}": "${approved.ncm}" is not an 8-digit NCM code`);
    if (!docIdByCode.has(code)) throw new Error(`Cannot remember "${approved.partnumber}": NCM ${code} is not in force in table ${table.version}`);
    memory.remember(approved, code);
  }
  function forget(withdrawn: WithdrawnApproval): void {
    memory.forget(withdrawn, normalizeNcmCode(withdrawn.ncm));
  }
  for (const approved of options.memory ?? []) remember(approved);

  function buildQuery(input: ClassifyInput): WeightedQuery {
    const description = exclusionsLast(input.description ?? '');
    const weights = new Map<string, number>();
    const ownTerms = new Set<string>();
    const addTerm = (term: string, weight: number): void => {
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    };

    const own: string[] = [];
    const ownWeights: number[] = [];
    let headTerm: string | null = null;
    let excluded = false;
    let position = 0;
    const excludedTerms = new Set<string>();
    const ownBeforeExclusion = new Set<string>();
    let negated = false;
    const { tokens, readAs } = rewritePhrases(tokenize(description), phrases);
    const aliasMatches = matchAliasPositions(tokens.map(stem), aliases);
    const aliasWords = new Uint8Array(tokens.length);
    for (const { start, end } of aliasMatches) aliasWords.fill(1, start, end);
    const namesGoods = tokens.some(
      (token) => !isStopWord(token) && !isQualifierWord(token) && !isMeasurementToken(token) && !isMaterialWord(token) && !isMaterialFormWord(token) && !/\d/.test(token),
    );
    // "Ferro de passar", "ferro de solda": a material word opening a Portuguese "X de Y" names the goods itself.
    const firstContent = tokens.findIndex((token) => !isStopWord(token) && !/\d/.test(token));
    const opensDePhrase = (i: number) => i === firstContent && tokens[i + 1] === 'de';
    const isMaterialAt = (i: number): boolean => tuning.materialWeight < 1 && namesGoods && isMaterialWord(tokens[i]!) && !opensDePhrase(i);
    const allMaterial = (start: number, end: number): boolean => {
      for (let i = start; i < end; i++) if (!isMaterialAt(i)) return false;
      return true;
    };
    /** Where the head noun is, when the table never uses it and an alias names it, and the weight it would have had. */
    let headThroughAlias: { at: number; positional: number } | null = null;
    const ownTermAt = new Map<number, string>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (EXCLUSION_MARKERS.has(token)) excluded = true;
      if (tuning.negatedTerms && isNegation(token)) {
        negated = true;
        continue;
      }
      if (isStopWord(token) || (!tuning.measurementsAsTerms && (isMeasurementToken(token) || isUnitAfterNumber(tokens, i)))) continue;
      // A one- or two-letter piece of a known phrase ("N-CH", "IC") is read through the phrase's alias alone.
      if (aliasWords[i] === 1 && token.length <= 2) continue;
      let term = stem(token);
      const negatedWord = negated && !/\d/.test(term);
      if (negatedWord) term = negatedTerm(term);
      negated = false;
      // A word the vocabulary knows is read through its alias; only a combining form ("motosserra" → serra) is
      // still split off, never a guessed left part ("abraçadeira" is not "abra" + "cadeira").
      const resolved = tuning.unknownWordWeight > 0 && !negatedWord && !leafIndex.has(term) ? resolveUnknown(token, aliasWords[i] === 1) : [];
      if (resolved.length > 0) {
        for (const part of resolved) addTerm(part, tuning.unknownWordWeight * (excluded ? tuning.exclusionWeight : 1));
        term = resolved[resolved.length - 1]!;
      }
      if (excluded && !isQualifierWord(token) && !REFERENCE_WORDS.has(token)) excludedTerms.add(term);
      else if (!excluded) ownBeforeExclusion.add(term);
      own.push(term);
      ownTerms.add(term);
      ownTermAt.set(i, term);
      const qualifier = isQualifierWord(token);
      const material = !qualifier && isMaterialAt(i);
      const positional = qualifier || material ? 1 : 1 + tuning.leadingTermBoost * Math.max(0, 1 - position / LEADING_TERM_SPAN);
      if (headTerm === null && headThroughAlias === null && !qualifier && !material && !excluded) {
        if (tuning.headThroughAlias && aliasWords[i] === 1 && !leafIndex.has(term)) headThroughAlias = { at: i, positional };
        else if (leafIndex.has(term)) headTerm = term;
      }
      if (!qualifier && !material) position++;
      const unqualified = excluded ? tuning.exclusionWeight : 1;
      const base = qualifier ? Math.min(tuning.qualifierWeight, unqualified) : material ? Math.min(tuning.materialWeight, unqualified) : unqualified;
      addTerm(term, base * positional);
      ownWeights.push(base);
    }
    bigrams(own).forEach((pair, i) => addTerm(pair, Math.min(ownWeights[i] ?? 0, ownWeights[i + 1] ?? 0)));

    // An alias triggered only inside an exclusion clause ("Barras, exceto vergalhões") weighs as excluded words do.
    const exclusionAt = tokens.findIndex((token) => CLAUSE_EXCLUSION_MARKERS.has(token));
    const weightedExpansions = [
      ...aliasMatches.map(({ expansion, start, end }) => ({
        expansion,
        strength:
          (exclusionAt < 0 || start < exclusionAt ? 1 : tuning.exclusionWeight) *
          (allMaterial(start, end) ? tuning.materialWeight : 1),
      })),
      ...matchSpecHints(`${description} ${input.partnumber}`),
    ];
    // A head noun the table never uses ("geladeira") is named by its alias: the alias's head word is the head term,
    // and takes the head's leading boost on top of the alias's weight.
    const head: { at: number; positional: number } | null = headThroughAlias;
    const headAlias = head && aliasMatches.find(({ start, end }) => start <= head.at && head.at < end);
    if (head && headAlias) {
      headTerm = aliasHeadOf(headAlias.expansion);
      if (headTerm !== null) addTerm(headTerm, tuning.expansionWeight * head.positional);
    }
    for (const { expansion, strength } of weightedExpansions) {
      const expansionTerms = contentTerms(expansion);
      const weight = tuning.expansionWeight * strength;
      for (const term of expansionTerms) addTerm(term, weight);
      for (const pair of bigrams(expansionTerms)) addTerm(pair, weight);
    }
    const expansions = [...readAs, ...weightedExpansions.map((item) => item.expansion)];
    for (const term of excludedTerms) if (ownBeforeExclusion.has(term)) excludedTerms.delete(term);
    const itemHeads = headWords(description, contentTerms).filter((term) => leafIndex.has(term));
    const quantities = quantityRanges(positiveText(description));
    const namesNew = [...ownBeforeExclusion].some((term) => NEW_STEMS.has(term));
    const namesCondition = [...ownBeforeExclusion].some((term) => CONDITION_INTENT_WORDS.has(term));
    const metals = metalsNamed(tokens);
    const otherMetal = metals.nonFerrous ? (metals.ferrous ? MetalOfCode.None : MetalOfCode.Ferrous) : MetalOfCode.NonFerrous;
    const ownAliasHeads = new Map<string, string>();
    for (const { expansion, start, end } of aliasMatches) {
      const aliasHead = aliasHeadOf(expansion);
      if (aliasHead === null) continue;
      for (let i = start; i < end; i++) {
        const term = ownTermAt.get(i);
        if (term !== undefined && !ownAliasHeads.has(term)) ownAliasHeads.set(term, aliasHead);
      }
    }
    return { terms: [...weights].map(([term, weight]) => ({ term, weight })), headTerm, itemHeads, ownTerms, aliasHeads: ownAliasHeads, excludedTerms, expansions, quantities, namesNew, namesCondition, otherMetal };
  }

  const finalScores = new Float64Array(leaves.length);
  const headTermFlags = new Uint8Array(leaves.length);
  const subheadingKeys = [...new Set(leaves.map((leaf) => leaf.subheadingKey))];
  const subheadingIdByKey = new Map(subheadingKeys.map((key, id) => [key, id]));
  const leafSubheadingIds = Int32Array.from(leaves.map((leaf) => subheadingIdByKey.get(leaf.subheadingKey)!));
  const bestInHeading = new Float64Array(headingKeys.length);
  const bestInSubheading = new Float64Array(subheadingKeys.length);
  const headingRelative = new Float64Array(headingKeys.length);

  function quantityFactorOf(quantities: readonly QuantityRange[], doc: number): number {
    if (tuning.residualQuantityComplement && fitsResidualSibling(quantities, doc)) return tuning.quantityConflictPenalty;
    const ranges = leafQuantities.get(doc);
    if (!ranges) return 1;
    const { fits, conflicts } = compareRanges(quantities, ranges);
    return conflicts ? tuning.quantityConflictPenalty : fits ? tuning.quantityFitBoost : 1;
  }

  /** For a code for waste, scrap, used or retreaded goods. */
  function conditionFactorOf(query: WeightedQuery): number {
    return query.namesNew ? tuning.newGoodsConditionPenalty : query.namesCondition ? 1 : tuning.unstatedConditionPenalty;
  }

  function fitsResidualSibling(quantities: readonly QuantityRange[], doc: number): boolean {
    return (
      leafSiblingRanges.get(doc)?.some((ranges) => {
        const { fits, conflicts } = compareRanges(quantities, ranges);
        return fits && !conflicts;
      }) ?? false
    );
  }

  /** Best `size` documents by score, best first (insertion into a short sorted list). */
  function selectTop(docs: Int32Array | number[], count: number, scoreOf: (doc: number) => number, size: number): Array<{ doc: number; score: number }> {
    const top: Array<{ doc: number; score: number }> = [];
    for (let i = 0; i < count; i++) {
      const doc = docs[i]!;
      const score = scoreOf(doc);
      if (top.length === size && score <= top[size - 1]!.score) continue;
      let at = top.length === size ? size - 1 : top.length;
      if (top.length === size) top.pop();
      while (at > 0 && top[at - 1]!.score < score) at--;
      top.splice(at, 0, { doc, score });
    }
    return top;
  }

  function rankLeaves(query: WeightedQuery, boosts: ReadonlyMap<number, number>, size: number): PoolItem[] {
    const headingScores = headingIndex.search(query.terms);
    const headingMax = maxOver(headingScores.scores, headingScores.touched, headingScores.touchedCount);
    for (let i = 0; i < headingScores.touchedCount; i++) {
      const id = headingScores.touched[i]!;
      headingRelative[id] = headingMax > 0 ? headingScores.scores[id]! / headingMax : 0;
    }

    headTermFlags.fill(0);
    const requireHead = query.headTerm !== null && leafIndex.markDocumentsWith(query.headTerm, headTermFlags) > 0;
    const headedDocs = query.headTerm !== null && tuning.headIsHeadBoost !== 1 ? docsByHead.get(leafIndex.idOf(query.headTerm)) ?? [] : [];
    for (const doc of headedDocs) headTermFlags[doc] = 2;
    const leafScores = leafIndex.search(query.terms);
    const { scores, matchedIdf, touched, touchedCount, queryIdf } = leafScores;
    const leafMax = maxOver(scores, touched, touchedCount);
    const useResidualPrior = tuning.residualPenalty < 1;
    if (useResidualPrior) residualPrior.begin(query.terms.map((t) => t.term));
    const excludedDocs: number[] = [];
    if (tuning.exclusionPenalty < 1) {
      for (const term of query.excludedTerms) {
        for (const doc of belowHeadingDocs.get(term) ?? []) {
          if (excludedFlags[doc] === 0) excludedDocs.push(doc);
          excludedFlags[doc] = 1;
        }
      }
    }
    const checkQuantities = query.quantities.length > 0 && (tuning.quantityConflictPenalty !== 1 || tuning.quantityFitBoost !== 1);
    const docs: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const coverage = queryIdf > 0 ? Math.min(1, matchedIdf[doc]! / queryIdf) : 0;
      const headFactor = requireHead && headTermFlags[doc] === 0 ? tuning.headTermMissPenalty : headTermFlags[doc] === 2 ? tuning.headIsHeadBoost : 1;
      const covered = scores[doc]! * (tuning.coverageFloor + (1 - tuning.coverageFloor) * coverage ** tuning.coverageExponent);
      const headingId = leafHeadingIds[doc]!;
      const headingBonus = headingId >= 0 ? tuning.headingIndexWeight * leafMax * headingRelative[headingId]! : 0;
      const residualFactor = useResidualPrior ? tuning.residualPenalty ** residualPrior.unmatchedLevels(doc) : 1;
      const exclusionFactor = excludedFlags[doc] === 1 ? tuning.exclusionPenalty : 1;
      const quantityFactor = checkQuantities ? quantityFactorOf(query.quantities, doc) : 1;
      const conditionFactor = leafHasCondition[doc] === 1 ? conditionFactorOf(query) : 1;
      const metalFactor = query.otherMetal !== MetalOfCode.None && leafMetal[doc] === query.otherMetal ? tuning.otherMetalPenalty : 1;
      finalScores[doc] = headFactor * residualFactor * exclusionFactor * quantityFactor * conditionFactor * metalFactor * (covered + headingBonus) + (boosts.get(doc) ?? 0) * leafMax;
      docs.push(doc);
    }
    for (const [doc, boost] of boosts) {
      if (finalScores[doc] === 0) {
        finalScores[doc] = boost * Math.max(leafMax, 1);
        docs.push(doc);
      }
    }
    for (const doc of docs) {
      const headingId = leafHeadingIds[doc]!;
      if (headingId >= 0) bestInHeading[headingId] = Math.max(bestInHeading[headingId]!, finalScores[doc]!);
      const subheadingId = leafSubheadingIds[doc]!;
      bestInSubheading[subheadingId] = Math.max(bestInSubheading[subheadingId]!, finalScores[doc]!);
    }
    const ranked = selectTop(
      docs,
      docs.length,
      (doc) => {
        const headingId = leafHeadingIds[doc]!;
        return (
          finalScores[doc]! +
          (headingId >= 0 ? tuning.headingSmoothing * bestInHeading[headingId]! : 0) +
          tuning.subheadingSmoothing * bestInSubheading[leafSubheadingIds[doc]!]!
        );
      },
      size,
    );
    const pool: PoolItem[] = ranked.map(({ doc, score }) => {
      const headingId = leafHeadingIds[doc]!;
      return {
        doc,
        score,
        coverage: queryIdf > 0 ? Math.min(1, matchedIdf[doc]! / queryIdf) : 0,
        head: !requireHead || headTermFlags[doc]! >= 1 ? 1 : 0,
        residual: useResidualPrior ? residualPrior.unmatchedLevels(doc) : 0,
        excluded: excludedFlags[doc]!,
        headingRel: headingId >= 0 ? headingRelative[headingId]! : 0,
        subBest: bestInSubheading[leafSubheadingIds[doc]!]!,
        boost: boosts.get(doc) ?? 0,
      };
    });
    for (const doc of docs) {
      finalScores[doc] = 0;
      const headingId = leafHeadingIds[doc]!;
      if (headingId >= 0) bestInHeading[headingId] = 0;
      bestInSubheading[leafSubheadingIds[doc]!] = 0;
    }
    for (let i = 0; i < headingScores.touchedCount; i++) headingRelative[headingScores.touched[i]!] = 0;
    for (const doc of excludedDocs) excludedFlags[doc] = 0;
    return pool;
  }

  const parentChildCount = new Map<string, number>();
  for (const leaf of leaves) parentChildCount.set(leaf.entry.parent ?? '', (parentChildCount.get(leaf.entry.parent ?? '') ?? 0) + 1);
  const leafSiblings = Float64Array.from(leaves.map((leaf) => Math.log(1 + (parentChildCount.get(leaf.entry.parent ?? '') ?? 1) - 1)));
  const leafResidual = Uint8Array.from(leaves.map((leaf) => (isResidual(leaf.entry.description) ? 1 : 0)));
  const leafIsParts = Uint8Array.from(partsFlags);
  partsFlags.length = 0;
  const leafHasCondition = Uint8Array.from(conditionFlags);
  conditionFlags.length = 0;
  const leafMetal = Uint8Array.from(
    leaves.map(({ entry }) =>
      NON_FERROUS_METAL_CHAPTERS.has(entry.code.slice(0, 2)) ? MetalOfCode.NonFerrous : FERROUS_METAL_CHAPTERS.has(entry.code.slice(0, 2)) ? MetalOfCode.Ferrous : MetalOfCode.None,
    ),
  );
  const FIELD_LEAF = FIELD_ORDER.indexOf('leaf');
  const FIELD_INNER = FIELD_ORDER.indexOf('inner');
  const FIELD_HEADING = FIELD_ORDER.indexOf('heading');
  const FIELD_CHAPTER = FIELD_ORDER.indexOf('chapter');
  const FIELD_FOREIGN = FIELD_ORDER.indexOf('foreign');
  const FIELD_STANDALONE = FIELD_ORDER.indexOf('standalone');

  /** Reused feature storage: row i of the pool at [i·RERANK_FEATURE_COUNT, (i+1)·RERANK_FEATURE_COUNT). */
  let featureBuffer = new Float64Array(64 * RERANK_FEATURE_COUNT);

  /**
   * Reranker features (RERANK_FEATURES order) of the first `count` pool items, one row after the other in a
   * buffer that the next call reuses.
   */
  function poolFeatures(query: WeightedQuery, pool: readonly PoolItem[], count: number): Float64Array {
    const queryIds: number[] = [];
    let totalMass = 0;
    const pairs: Array<[number, number, number]> = [];
    let partsIntent = false;
    let conditionIntent = false;
    for (const { term, weight } of query.terms) {
      const cut = term.indexOf('_');
      if (cut >= 0) {
        pairs.push([leafIndex.idOf(term.slice(0, cut)), leafIndex.idOf(term.slice(cut + 1)), weight]);
        continue;
      }
      if (PART_WORDS.has(term) && query.ownTerms.has(term)) partsIntent = true;
      if (CONDITION_INTENT_WORDS.has(term) && query.ownTerms.has(term)) conditionIntent = true;
      const id = leafIndex.idOf(term);
      const mass = id < 0 ? 0 : weight * leafIndex.idfOf(term);
      if (mass <= 0 || queryTermMass[id]! > 0) continue;
      queryTermMass[id] = mass;
      queryIds.push(id);
      totalMass += mass;
    }
    /** IDF-weighted share of the query's terms present in a field (each query term counted once). */
    const share = (from: number, to: number): number => {
      if (totalMass <= 0) return 0;
      const stamp = ++queryTermStamp;
      let mass = 0;
      for (let t = from; t < to; t++) {
        const id = termIdsFlat[t]!;
        const m = queryTermMass[id]!;
        if (m === 0 || queryTermSeen[id] === stamp) continue;
        queryTermSeen[id] = stamp;
        mass += m;
      }
      return mass / totalMass;
    };
    /** Terms of a field that the query does not contain (numbers ignored). */
    const missing = (from: number, to: number): number => {
      let missed = 0;
      for (let t = from; t < to; t++) {
        const id = termIdsFlat[t]!;
        if (numericTermIds[id] === 0 && queryTermMass[id] === 0) missed++;
      }
      return missed;
    };
    const adjacent = (from: number, to: number, a: number, b: number): boolean => {
      for (let i = from; i + 1 < to; i++) if (termIdsFlat[i] === a && termIdsFlat[i + 1] === b) return true;
      return false;
    };
    const contains = (from: number, to: number, id: number): boolean => {
      for (let i = from; i < to; i++) if (termIdsFlat[i] === id) return true;
      return false;
    };
    const headId = query.headTerm === null ? -1 : leafIndex.idOf(query.headTerm);
    const itemHeadIds = query.itemHeads.map((term) => leafIndex.idOf(term));
    try {
      return featureRows(pool, count, share, missing, adjacent, contains, pairs, headId, partsIntent, itemHeadIds, conditionIntent, query.quantities);
    } finally {
      for (const id of queryIds) queryTermMass[id] = 0;
    }
  }

  function featureRows(
    pool: readonly PoolItem[],
    count: number,
    share: (from: number, to: number) => number,
    missing: (from: number, to: number) => number,
    adjacent: (from: number, to: number, a: number, b: number) => boolean,
    contains: (from: number, to: number, id: number) => boolean,
    pairs: ReadonlyArray<[number, number, number]>,
    headId: number,
    partsIntent: boolean,
    itemHeadIds: readonly number[],
    conditionIntent: boolean,
    quantities: readonly QuantityRange[],
  ): Float64Array {
    const n = Math.min(count, pool.length);
    const best = pool[0]?.score ?? 0;
    const pairWeight = pairs.reduce((sum, [a, b, weight]) => sum + (a < 0 || b < 0 ? 0 : weight), 0);
    let poolMass = 0;
    const headingMass = new Map<string, number>();
    const subheadingMass = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const { doc, score } = pool[i]!;
      poolMass += score;
      const leaf = leaves[doc]!;
      headingMass.set(leaf.headingKey, (headingMass.get(leaf.headingKey) ?? 0) + score);
      subheadingMass.set(leaf.subheadingKey, (subheadingMass.get(leaf.subheadingKey) ?? 0) + score);
    }
    const headingOrder = new Map<string, number>();
    const inHeading = new Map<string, number>();
    const inSubheading = new Map<string, number>();
    if (featureBuffer.length < n * RERANK_FEATURE_COUNT) featureBuffer = new Float64Array(n * RERANK_FEATURE_COUNT);
    const rows = featureBuffer;
    for (let i = 0; i < n; i++) {
      const item = pool[i]!;
      const doc = item.doc;
      const base = doc * FIELD_COUNT;
      const fieldFrom = (f: number): number => fieldStarts[base + f]!;
      const fieldTo = (f: number): number => fieldStarts[base + f + 1]!;
      const leafFrom = fieldFrom(FIELD_LEAF);
      const leafTo = fieldTo(FIELD_LEAF);
      const innerFrom = fieldFrom(FIELD_INNER);
      const innerTo = fieldTo(FIELD_INNER);
      const headingFrom = fieldFrom(FIELD_HEADING);
      const headingTo = fieldTo(FIELD_HEADING);
      const leafLength = leafTo - leafFrom;
      const innerLength = innerTo - innerFrom;
      const leaf = leaves[doc]!;
      let phraseHits = 0;
      for (const [a, b, weight] of pairs) {
        if (a < 0 || b < 0) continue;
        if (
          adjacent(leafFrom, leafTo, a, b) ||
          adjacent(innerFrom, innerTo, a, b) ||
          adjacent(headingFrom, headingTo, a, b) ||
          adjacent(fieldFrom(FIELD_STANDALONE), fieldTo(FIELD_STANDALONE), a, b)
        )
          phraseHits += weight;
      }
      const ratio = best > 0 ? item.score / best : 0;
      const row = rows.subarray(i * RERANK_FEATURE_COUNT, (i + 1) * RERANK_FEATURE_COUNT);
      row[0] = Math.log(Math.max(ratio, 1e-3));
      row[1] = ratio;
      row[2] = 1 / (1 + i);
      row[3] = item.coverage;
      row[4] = item.head;
      row[5] = item.residual;
      row[6] = leafResidual[doc]!;
      row[7] = item.headingRel;
      row[8] = best > 0 ? item.subBest / best : 0;
      row[9] = item.excluded;
      row[10] = leaf.entry.depth;
      row[11] = leafSiblings[doc]!;
      row[12] = poolMass > 0 ? headingMass.get(leaf.headingKey)! / poolMass : 0;
      row[13] = poolMass > 0 ? subheadingMass.get(leaf.subheadingKey)! / poolMass : 0;
      row[14] = share(leafFrom, leafTo);
      row[15] = share(innerFrom, innerTo);
      row[16] = share(headingFrom, headingTo);
      row[17] = share(fieldFrom(FIELD_FOREIGN), fieldTo(FIELD_FOREIGN));
      const leafMissing = missing(leafFrom, leafTo);
      const innerMissing = missing(innerFrom, innerTo);
      row[18] = leafLength > 0 ? leafMissing / leafLength : 0;
      row[19] = leafLength + innerLength > 0 ? (leafMissing + innerMissing) / (leafLength + innerLength) : 0;
      row[20] = pairWeight > 0 ? phraseHits / pairWeight : 0;
      row[21] = headId >= 0 && contains(leafFrom, leafTo, headId) ? 1 : 0;
      row[22] = headId >= 0 && contains(headingFrom, headingTo, headId) ? 1 : 0;
      row[23] = share(fieldFrom(FIELD_CHAPTER), fieldTo(FIELD_CHAPTER));
      if (!headingOrder.has(leaf.headingKey)) headingOrder.set(leaf.headingKey, headingOrder.size);
      const headingPosition = inHeading.get(leaf.headingKey) ?? 0;
      inHeading.set(leaf.headingKey, headingPosition + 1);
      const subheadingPosition = inSubheading.get(leaf.subheadingKey) ?? 0;
      inSubheading.set(leaf.subheadingKey, subheadingPosition + 1);
      row[24] = 1 / (1 + headingOrder.get(leaf.headingKey)!);
      row[25] = 1 / (1 + headingPosition);
      row[26] = 1 / (1 + subheadingPosition);
      row[27] = Math.log(1 + leafLength);
      const headingHeadsFrom = headStarts[doc * 2]!;
      const pathHeadsFrom = headStarts[doc * 2 + 1]!;
      const pathHeadsTo = headStarts[doc * 2 + 2]!;
      row[28] = headId >= 0 && contains(headingHeadsFrom, pathHeadsFrom, headId) ? 1 : 0;
      row[29] = headId >= 0 && contains(pathHeadsFrom, pathHeadsTo, headId) ? 1 : 0;
      row[30] = share(headingHeadsFrom, pathHeadsFrom);
      row[31] = share(pathHeadsFrom, pathHeadsTo);
      row[32] = leafIsParts[doc]! === 1 && !partsIntent ? 1 : 0;
      row[33] = leafIsParts[doc]! === 1 && partsIntent ? 1 : 0;
      let itemHeadsHeaded = 0;
      for (const id of itemHeadIds) if (contains(headingHeadsFrom, pathHeadsTo, id)) itemHeadsHeaded++;
      row[34] = itemHeadIds.length > 0 ? itemHeadsHeaded / itemHeadIds.length : 0;
      row[35] = leafHasCondition[doc]! === 1 && !conditionIntent ? 1 : 0;
      row[36] = leafHasCondition[doc]! === 1 && conditionIntent ? 1 : 0;
      const codeRanges = quantities.length > 0 ? leafQuantities.get(doc) : undefined;
      const comparison = codeRanges ? compareRanges(quantities, codeRanges) : null;
      row[37] = comparison !== null && comparison.fits && !comparison.conflicts ? 1 : 0;
    }
    return rows;
  }

  const reranker = options.reranker === undefined ? RERANKER_WEIGHTS : options.reranker;
  if (reranker) assertModelMatchesFeatures(reranker);

  /**
   * Reorders the first `poolSize` candidates by the learned linear score (near-memory boosts kept on
   * top of it); scores become softmax probabilities within the pool, so they stay comparable across queries.
   */
  function rerank(query: WeightedQuery, pool: PoolItem[]): PoolItem[] {
    if (!reranker || pool.length === 0) return pool;
    const head = pool.slice(0, reranker.poolSize);
    const features = poolFeatures(query, head, head.length);
    // Contradictions the synthetic training queries cannot show (goods new, or of unsaid condition, against a code for
    // used goods; one metal against another's code) keep their retrieval penalty after reranking.
    const conditionLogit = Math.log(conditionFactorOf(query));
    const otherMetalLogit = Math.log(tuning.otherMetalPenalty);
    const logits = head.map(
      (item, i) =>
        rerankScore(reranker, features.subarray(i * RERANK_FEATURE_COUNT, (i + 1) * RERANK_FEATURE_COUNT)) +
        RERANK_BOOST_LOGITS * item.boost +
        (leafHasCondition[item.doc] === 1 ? conditionLogit : 0) +
        (query.otherMetal !== MetalOfCode.None && leafMetal[item.doc] === query.otherMetal ? otherMetalLogit : 0),
    );
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp((l - max) / reranker.temperature));
    const total = exps.reduce((a, b) => a + b, 0);
    const rescored = head.map((item, i) => ({ ...item, score: exps[i]! / total }));
    rescored.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return rescored;
  }

  /**
   * The learned order, with the last `retrievalSlots` places of the top 5 given to the best retrieval-ranked
   * candidates it left out: the two rankers err differently, so the short list hedges between them.
   */
  function keepRetrievalSlots(reranked: PoolItem[], retrieved: readonly PoolItem[]): PoolItem[] {
    if (tuning.retrievalSlots <= 0 || !reranker || reranked.length <= TOP_K) return reranked;
    const blended = reranked.slice(0, TOP_K - tuning.retrievalSlots);
    const placed = new Set(blended.map((item) => item.doc));
    const byDoc = new Map(reranked.map((item) => [item.doc, item]));
    const append = (item: PoolItem): void => {
      // Scores stay non-increasing down the list (the top 5 is sorted by score afterwards).
      blended.push({ ...item, score: Math.min(item.score, blended[blended.length - 1]?.score ?? item.score) });
      placed.add(item.doc);
    };
    for (const item of retrieved) {
      if (blended.length >= TOP_K) break;
      const rescored = byDoc.get(item.doc);
      if (rescored && !placed.has(item.doc)) append(rescored);
    }
    for (const item of reranked) if (!placed.has(item.doc)) append(item);
    return blended;
  }

  /**
   * Top 5 from the ranked pool, keeping at most `maxPerHeading` from one heading while other headings
   * have candidates: when the best heading is wrong, the right one still gets a slot.
   */
  function diversify(pool: PoolItem[]): PoolItem[] {
    const chosen: PoolItem[] = [];
    const skipped: PoolItem[] = [];
    const perGroup = new Map<string, number>();
    for (const item of pool) {
      if (chosen.length === TOP_K) break;
      const { headingKey, subheadingKey } = leaves[item.doc]!;
      const inHeading = perGroup.get(headingKey) ?? 0;
      const inSubheading = perGroup.get(subheadingKey) ?? 0;
      if (inHeading >= tuning.maxPerHeading || inSubheading >= tuning.maxPerSubheading) {
        skipped.push(item);
        continue;
      }
      perGroup.set(headingKey, inHeading + 1);
      perGroup.set(subheadingKey, inSubheading + 1);
      chosen.push(item);
    }
    for (const item of skipped) {
      if (chosen.length === TOP_K) break;
      chosen.push(item);
    }
    return chosen.sort((a, b) => b.score - a.score);
  }

  function toCandidate(doc: number, score: number): Candidate {
    const entry = leaves[doc]!.entry;
    return { code: entry.code, description: selfStandingDescription(entry.description, entry.pathText), path: entry.pathText, score: round(score) };
  }

  /** The user's own terms the document holds, itself or (for a word read through an alias) the alias's head word. */
  function matchedTerms(doc: number, query: WeightedQuery): string[] {
    const from = fieldStarts[doc * FIELD_COUNT]!;
    const to = fieldStarts[(doc + 1) * FIELD_COUNT]!;
    const holds = (term: string | undefined): boolean => {
      const id = term === undefined ? -1 : leafIndex.idOf(term);
      if (id < 0) return false;
      for (let t = from; t < to; t++) if (termIdsFlat[t] === id) return true;
      return false;
    };
    return [...query.ownTerms].filter((term) => holds(term) || (tuning.aliasWordsMatch && holds(query.aliasHeads.get(term))));
  }

  /**
   * Share of the user's own terms a document holds (`matched`), among those any code could hold: a word neither the
   * table nor an alias knows (a brand, a model name) is found in no code, so it says nothing about this one.
   */
  function matchedOwnShare(matched: readonly string[], query: WeightedQuery): number {
    const findable = [...query.ownTerms].filter((term) => leafIndex.has(term) || query.aliasHeads.has(term)).length;
    return findable > 0 ? matched.length / findable : 0;
  }

  function classify(input: ClassifyInput): EngineResult {
    const exact = memory.exact(input.partnumber);
    const query = buildQuery(input);
    const boosts = new Map<number, number>();
    if (!exact) {
      for (const near of memory.near(input.partnumber, input.description ?? '')) {
        const doc = docIdByCode.get(near.code);
        if (doc !== undefined) boosts.set(doc, tuning.nearMemoryBoost * near.similarity);
      }
    }
    const retrieved = query.terms.length > 0 || boosts.size > 0 ? rankLeaves(query, boosts, CANDIDATE_POOL) : [];
    const ranked = retrieved.length > 0 ? diversify(keepRetrievalSlots(rerank(query, retrieved), retrieved)) : [];

    if (exact) {
      const doc = docIdByCode.get(exact.code)!;
      const topScore = ranked[0]?.score ?? 1;
      const candidates = [
        toCandidate(doc, Math.max(topScore, 1) * 1.5),
        ...ranked.filter((r) => r.doc !== doc).slice(0, TOP_K - 1).map((r) => toCandidate(r.doc, r.score)),
      ];
      const entry = leaves[doc]!.entry;
      return {
        candidates,
        confidence: MEMORY_EXACT_CONFIDENCE,
        needsReview: MEMORY_EXACT_CONFIDENCE < NEEDS_REVIEW_BELOW,
        justification: `Approved earlier for partnumber ${exact.partnumber}: ${entry.dotted} — ${entry.pathText}`,
        engine: ENGINE_NAME,
        tableVersion: table.version,
        source: 'memory',
      };
    }

    const candidates = ranked.map((r) => toCandidate(r.doc, r.score));
    const top = ranked[0];
    if (!top) {
      return {
        candidates: [],
        confidence: 0,
        needsReview: true,
        justification: 'No term of the description matches the NCM table; manual classification needed.',
        engine: ENGINE_NAME,
        tableVersion: table.version,
        source: 'retrieval',
      };
    }
    const topLeaf = leaves[top.doc]!;
    // With the reranker, the candidate scores are softmax probabilities over the pool (temperature fitted on
    // held-out synthetic queries). The synthetic queries are fully explained by their code's text, real ones
    // are not: the confidence is the geometric mean of the top probability and its relative margin over the
    // second, times the share of the user's words found in the top code.
    const matched = matchedTerms(top.doc, query);
    const matchedShare = matchedOwnShare(matched, query);
    const confidence = reranker ? rerankedConfidence(ranked.map((r) => r.score), matchedShare) : estimateConfidence({
      scores: ranked.map((r) => r.score),
      sameHeadingShare: ranked.filter((r) => leaves[r.doc]!.headingKey === topLeaf.headingKey).length / ranked.length,
      ownTermCount: query.ownTerms.size,
      matchedOwnShare: matchedShare,
    });
    const nearNote = boosts.has(top.doc) ? ' Boosted by a similar approved partnumber.' : '';
    const expansionNote = query.expansions.length > 0 ? ` Vocabulary/spec hints: ${[...new Set(query.expansions)].join('; ')}.` : '';
    return {
      candidates,
      confidence,
      needsReview: confidence < NEEDS_REVIEW_BELOW,
      justification:
        `${topLeaf.entry.dotted}: ${topLeaf.entry.pathText}. Matched terms: ${matched.length > 0 ? matched.join(', ') : '(expansions only)'}.` +
        expansionNote +
        nearNote,
      engine: ENGINE_NAME,
      tableVersion: table.version,
      source: 'retrieval',
    };
  }

  function candidateFeatures(input: ClassifyInput, size: number): { codes: string[]; features: number[][] } {
    const query = buildQuery(input);
    if (query.terms.length === 0) return { codes: [], features: [] };
    const pool = rankLeaves(query, new Map(), size);
    const buffer = poolFeatures(query, pool, pool.length);
    const features = pool.map((_, i) => Array.from(buffer.subarray(i * RERANK_FEATURE_COUNT, (i + 1) * RERANK_FEATURE_COUNT)));
    return { codes: pool.map((item) => leaves[item.doc]!.entry.code), features };
  }

  return { classify, remember, forget, candidateFeatures, tableVersion: table.version, size: leaves.length };
}

function maxOver(values: Float64Array, ids: Int32Array, count: number): number {
  let max = 0;
  for (let i = 0; i < count; i++) max = Math.max(max, values[ids[i]!]!);
  return max;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
