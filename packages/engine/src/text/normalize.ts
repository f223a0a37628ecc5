import { stemPortuguese } from './stem.js';

/** Lowercase and strip diacritics: "Condensadores Elétricos" → "condensadores eletricos". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

const PORTUGUESE_STOP_WORDS = [
  'a', 'o', 'as', 'os', 'um', 'uma', 'uns', 'umas', 'de', 'da', 'do', 'das', 'dos', 'e', 'ou', 'em', 'no', 'na',
  'nos', 'nas', 'para', 'pra', 'por', 'pelo', 'pela', 'pelos', 'pelas', 'com', 'sem', 'ao', 'aos', 'que', 'se',
  'seu', 'sua', 'seus', 'suas', 'mesmo', 'mesma', 'mesmos', 'mesmas', 'inclusive', 'incluindo', 'incluidos',
  'incluidas', 'incluido', 'incluida', 'qualquer', 'quaisquer', 'cujo', 'cuja', 'cujos', 'cujas', 'ate', 'entre',
  'sobre', 'sob', 'desde', 'outro', 'outra', 'outros', 'outras', 'tipo', 'tipos', 'etc', 'nao', 'exceto', 'ja',
  'este', 'esta', 'estes', 'estas', 'esse', 'essa', 'isto', 'isso', 'ser', 'sao', 'seja', 'sejam', 'tal', 'tais',
  'como', 'ainda', 'apenas', 'so', 'bem', 'assim', 'dele', 'dela', 'deles', 'delas', 'ex', 'n', 'nº', 'p',
  'semelhante', 'semelhantes', 'similar', 'similares', 'analogo', 'analogos', 'analoga', 'analogas', 'forma', 'formas',
  'partir', 'contendo', 'exclusivamente', 'principalmente', 'diverso', 'diversos', 'diversas', 'espec', 'especie',
  'artigo', 'artigos', 'produto', 'produtos', 'the', 'of', 'and', 'for', 'with', 'in', 'to', 'an', 'or', 'by', 'on',
  // English and Spanish (translated descriptions, HS text, queries written in those languages)
  'other', 'others', 'not', 'whether', 'than', 'be', 'its', 'their', 'this', 'that', 'from', 'at', 'as', 'such', 'nes',
  'nec', 'n', 'e', 'c', 'including', 'excluding', 'whereof', 'which', 'are', 'is', 'but', 'any', 'kind', 'used',
  'el', 'la', 'los', 'las', 'del', 'y', 'con', 'sin', 'demas', 'otro', 'otra', 'otros', 'otras', 'sus', 'su', 'al',
  'incluso', 'excepto', 'o', 'u', 'para', 'por', 'en', 'un', 'una',
];

const STOP_WORDS: ReadonlySet<string> = new Set(PORTUGUESE_STOP_WORDS);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** Splits folded text into alphanumeric tokens (digits are kept: "6205", "100uf", "m8x30"). */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[a-z0-9]+/g) ?? [];
}

const stemCache = new Map<string, string>();

export function stem(token: string): string {
  let cached = stemCache.get(token);
  if (cached === undefined) {
    cached = stemPortuguese(token);
    if (stemCache.size < 200_000) stemCache.set(token, cached);
  }
  return cached;
}

/** Every token stemmed, stop words included (used to match multi-word aliases). */
export function stemAll(text: string): string[] {
  return tokenize(text).map(stem);
}

/** Words that negate the next content word ("não refratários", "nem descafeinados"). */
const NEGATIONS: ReadonlySet<string> = new Set(['nao', 'nem', 'non', 'not', 'no', 'sin']);

/**
 * The term of a negated word: "não refratários" is another property than "refratários", so it gets a term of
 * its own ("naorefratari") that the plain word does not match.
 */
export function negatedTerm(term: string): string {
  return `nao${term}`;
}

export function isNegation(token: string): boolean {
  return NEGATIONS.has(token);
}

/** Content terms: tokens minus stop words, stemmed; a word right after a negation becomes its negated term. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  let negated = false;
  for (const token of tokenize(text)) {
    if (isNegation(token)) {
      negated = true;
      continue;
    }
    if (isStopWord(token)) continue;
    const term = stem(token);
    terms.push(negated && !/\d/.test(term) ? negatedTerm(term) : term);
    negated = false;
  }
  return terms;
}

/**
 * Words that qualify packaging, quantity or comparison ("em embalagens de conteúdo
 * inferior a 1 kg") rather than name the goods. They still count, but weakly.
 */
const QUALIFIER_WORDS = [
  'embalagem', 'embalagens', 'recipiente', 'recipientes', 'conteudo', 'capacidade', 'inferior', 'superior',
  'igual', 'iguais', 'acondicionado', 'acondicionados', 'acondicionada', 'acondicionadas', 'venda', 'retalho',
  'varejo', 'imediata', 'imediatas', 'peso', 'volume', 'teor', 'kg', 'g', 'l', 'ml', 'litro', 'litros', 'cm',
  'mm', 'm', 'cm3', 'unidade', 'unidades', 'maximo', 'minimo', 'maior', 'menor', 'acima', 'abaixo', 'ate', 'mais',
  'menos', 'pronto', 'prontos', 'destinado', 'destinados', 'destinada', 'destinadas', 'proprio', 'proprios',
  'propria', 'proprias', 'uso', 'usos', 'utilizado', 'utilizados', 'utilizada', 'utilizadas', 'especificado',
  'especificados', 'especificadas', 'compreendido', 'compreendidos', 'compreendidas', 'posicao', 'posicoes',
  'item', 'itens', 'descrito', 'descritos', 'descrita', 'descritas', 'neutra', 'neutro',
];
const QUALIFIERS: ReadonlySet<string> = new Set(QUALIFIER_WORDS);

export function isQualifierWord(token: string): boolean {
  return QUALIFIERS.has(token) || /^\d+(?:[.,]\d+)?$/.test(token);
}

const RATING_UNITS = [
  'v', 'kv', 'vac', 'vdc', 'vca', 'vcc', 'a', 'ma', 'mah', 'ah', 'w', 'kw', 'mw', 'va', 'kva', 'hz', 'khz', 'mhz', 'ghz', 'uf', 'nf',
  'pf', 'uh', 'mh', 'nh', 'ohm', 'ohms', 'mm', 'cm', 'pos', 'pin', 'pinos', 'rpm', 'psi', 'db',
];
const MEASUREMENT = new RegExp(`^\\d+(?:${RATING_UNITS.join('|')})$`);

/**
 * A rating or size written as one token ("60v", "2a", "16mhz", "10pos"): a spec the hints and
 * quantities read, not a word. As a term it would match whatever else the table spells that way
 * ("alfainterferona 2a").
 */
export function isMeasurementToken(token: string): boolean {
  return MEASUREMENT.test(token);
}

const UNIT_WORDS: ReadonlySet<string> = new Set([
  ...RATING_UNITS,
  'bar', 'mbar', 'mpa', 'kpa', 'kgf', 'hp', 'cv', 'inch', 'inches', 'pol', 'polegada', 'polegadas', 'awg', 'nm',
  'lb', 'lbs', 'ft', 'volts', 'watts', 'amp', 'amps',
]);

/**
 * A unit written after its number ("10 bar", "5 HP", "1/2 inch"): a spec, like a rating written as one
 * token. As a word "bar" met the bars of chapter 72.
 */
export function isUnitAfterNumber(tokens: readonly string[], index: number): boolean {
  return index > 0 && UNIT_WORDS.has(tokens[index]!) && /^\d+$/.test(tokens[index - 1]!);
}
