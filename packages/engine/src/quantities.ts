/**
 * Quantities and thresholds in trade Portuguese: "em recipientes de capacidade inferior ou igual a 2 l",
 * "com capacidade superior a 30.000 frigorias/hora", "garrafa de 600 ml". Each becomes a range of one
 * dimension in a base unit, so a description's quantity can be checked against a code's thresholds.
 */

export interface QuantityRange {
  /** Dimension, and for lengths the measure named before it ("length:largura"), so width and length stay apart. */
  dimension: string;
  low: number;
  high: number;
  lowInclusive: boolean;
  highInclusive: boolean;
}

/** Unit (lowercase, accents stripped) → dimension and factor to the dimension's base unit. */
const UNITS: ReadonlyArray<[RegExp, string, number]> = [
  [/^(?:ml|mililitros?)$/, 'volume', 0.001],
  [/^(?:cl|centilitros?)$/, 'volume', 0.01],
  [/^(?:l|lt|lts|litros?)$/, 'volume', 1],
  [/^(?:m3|metros? cubicos?)$/, 'volume', 1000],
  [/^(?:mg|miligramas?)$/, 'mass', 0.001],
  [/^(?:g|gr|gramas?)$/, 'mass', 1],
  [/^(?:kg|kgs|quilos?|quilogramas?)$/, 'mass', 1000],
  [/^(?:t|toneladas?)$/, 'mass', 1_000_000],
  [/^(?:mm|milimetros?)$/, 'length', 0.001],
  [/^(?:cm|centimetros?)$/, 'length', 0.01],
  [/^(?:m|metros?)$/, 'length', 1],
  [/^(?:km|quilometros?)$/, 'length', 1000],
  [/^(?:w|watts?)$/, 'power', 1],
  [/^(?:kw|quilowatts?)$/, 'power', 1000],
  [/^(?:kva)$/, 'apparentPower', 1000],
  [/^(?:va)$/, 'apparentPower', 1],
  [/^(?:v|volts?|vdc|vac|vcc|vca)$/, 'voltage', 1],
  [/^(?:kv|quilovolts?)$/, 'voltage', 1000],
  [/^(?:cm3|cc)$/, 'displacement', 1],
  [/^(?:frigorias?(?:\/h(?:ora)?)?)$/, 'cooling', 1],
  [/^(?:btus?(?:\/h(?:ora)?)?)$/, 'cooling', 0.252],
];

type Bound = 'le' | 'lt' | 'ge' | 'gt' | 'eq';

/** Comparators, longest first. */
const COMPARATORS: ReadonlyArray<[string, Bound]> = [
  ['inferior ou igual a', 'le'],
  ['igual ou inferior a', 'le'],
  ['nao superior a', 'le'],
  ['menor ou igual a', 'le'],
  ['ate', 'le'],
  ['maximo de', 'le'],
  ['superior ou igual a', 'ge'],
  ['igual ou superior a', 'ge'],
  ['nao inferior a', 'ge'],
  ['maior ou igual a', 'ge'],
  ['minimo de', 'ge'],
  ['inferior a', 'lt'],
  ['menor que', 'lt'],
  ['menor do que', 'lt'],
  ['superior a', 'gt'],
  ['maior que', 'gt'],
  ['maior do que', 'gt'],
  ['acima de', 'gt'],
  ['<=', 'le'],
  ['≤', 'le'],
  ['>=', 'ge'],
  ['≥', 'ge'],
  ['<', 'lt'],
  ['>', 'gt'],
];

const COMPARATOR_PATTERN = COMPARATORS.map(([text]) => text.replace(/[<>=]/g, (c) => `\\${c}`).replace(/ /g, '\\s+')).join('|');
const UNIT_PATTERN = '(?:metros?\\s+cubicos?|frigorias?(?:\\s*\\/\\s*h(?:ora)?)?|btus?(?:\\s*\\/\\s*h(?:ora)?)?|[a-z]+\\d?)';
const QUANTITY = new RegExp(
  `(?:(?<![a-z])(${COMPARATOR_PATTERN})\\s*)?(\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:[.,]\\d+)?)\\s*(${UNIT_PATTERN})?(?![a-z0-9])`,
  'g',
);

function normalise(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function parseNumber(text: string): number {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  return Number(text.replace(',', '.'));
}

function unitOf(text: string | undefined): [string, number] | null {
  if (!text) return null;
  const unit = text.replace(/\s+/g, ' ').replace(/ ?\/ ?/g, '/');
  for (const [pattern, dimension, factor] of UNITS) if (pattern.test(unit)) return [dimension, factor];
  return null;
}

/** The last measure word before a quantity: lengths of a different measure are different quantities. */
const MEASURE = /.*\b(largura|comprimento|espessura|diametro|altura|secao|seccao|lado|profundidade)\b/;

interface Mention {
  measure: string;
  bound: Bound;
  value: number;
  unit: [string, number] | null;
}

/**
 * Ranges named by a text, one per dimension (all the text's constraints on a dimension intersected).
 * A number without a unit takes the unit of the next quantity ("superior a 2,5 t mas não superior a 5 t").
 * Numbers with no recognised unit (codes, counts) are ignored.
 */
export function quantityRanges(text: string): QuantityRange[] {
  const normalised = normalise(text);
  if (!/\d/.test(normalised)) return [];
  const mentions: Mention[] = [];
  for (const match of normalised.matchAll(QUANTITY)) {
    const start = match.index!;
    const end = start + match[0].length;
    // "0 75 mm", "1 143 mm": digits split by a space (punctuation lost) are not one readable number.
    // A number with its unit ("12v 10a") is whole, whatever follows.
    if (/\d[ ,.]?$/.test(normalised.slice(Math.max(0, start - 2), start)) || (!match[3] && /^\s?\d/.test(normalised.slice(end, end + 2)))) continue;
    // Compound units ("g/m2", "g/cm3", "km/h") are not the plain unit.
    if (match[3] && /^\s?(?:\/|m2\b|m3\b|cm3\b|cm2\b|por\b)/.test(normalised.slice(end, end + 5)) && !/frigoria|btu/.test(match[3])) continue;
    const comparator = match[1]?.replace(/\s+/g, ' ');
    const bound = comparator ? COMPARATORS.find(([text]) => text === comparator)?.[1] ?? 'eq' : 'eq';
    const value = parseNumber(match[2]!);
    if (!Number.isFinite(value)) continue;
    const measure = MEASURE.exec(normalised.slice(Math.max(0, start - 40), start))?.[1] ?? '';
    mentions.push({ bound, value, unit: unitOf(match[3]), measure });
  }
  for (let i = mentions.length - 2; i >= 0; i--) {
    const mention = mentions[i]!;
    if (mention.unit === null && mention.bound !== 'eq') mention.unit = mentions[i + 1]!.unit;
  }
  const ranges = new Map<string, QuantityRange>();
  for (const { bound, value, unit, measure } of mentions) {
    if (unit === null) continue;
    const dimension = unit[0] === 'length' ? `length:${measure}` : unit[0];
    const factor = unit[1];
    const amount = value * factor;
    let range = ranges.get(dimension);
    if (!range) {
      range = { dimension, low: -Infinity, high: Infinity, lowInclusive: false, highInclusive: false };
      ranges.set(dimension, range);
    }
    if (bound === 'le' || bound === 'lt' || bound === 'eq') {
      const inclusive = bound !== 'lt';
      if (amount < range.high || (amount === range.high && !inclusive)) {
        range.high = amount;
        range.highInclusive = inclusive;
      }
    }
    if (bound === 'ge' || bound === 'gt' || bound === 'eq') {
      const inclusive = bound !== 'gt';
      if (amount > range.low || (amount === range.low && !inclusive)) {
        range.low = amount;
        range.lowInclusive = inclusive;
      }
    }
  }
  return [...ranges.values()];
}

/** How a description's ranges relate to a code's: inside on some dimension, and disjoint on some dimension. */
export function compareRanges(query: readonly QuantityRange[], code: readonly QuantityRange[]): { fits: boolean; conflicts: boolean } {
  let fits = false;
  let conflicts = false;
  for (const q of query) {
    const c = code.find((range) => range.dimension === q.dimension);
    if (!c) continue;
    const belowCode = q.high < c.low || (q.high === c.low && !(q.highInclusive && c.lowInclusive));
    const aboveCode = q.low > c.high || (q.low === c.high && !(q.lowInclusive && c.highInclusive));
    if (belowCode || aboveCode) {
      conflicts = true;
      continue;
    }
    const lowInside = q.low > c.low || (q.low === c.low && (c.lowInclusive || !q.lowInclusive));
    const highInside = q.high < c.high || (q.high === c.high && (c.highInclusive || !q.highInclusive));
    if (lowInside && highInside) fits = true;
  }
  return { fits, conflicts };
}

/** Ranges of several texts (a code's path), intersected per dimension. */
export function intersectRanges(lists: ReadonlyArray<readonly QuantityRange[]>): QuantityRange[] {
  const merged = new Map<string, QuantityRange>();
  for (const list of lists) {
    for (const range of list) {
      const current = merged.get(range.dimension);
      if (!current) {
        merged.set(range.dimension, { ...range });
        continue;
      }
      if (range.low > current.low || (range.low === current.low && !range.lowInclusive)) {
        current.low = range.low;
        current.lowInclusive = range.lowInclusive;
      }
      if (range.high < current.high || (range.high === current.high && !range.highInclusive)) {
        current.high = range.high;
        current.highInclusive = range.highInclusive;
      }
    }
  }
  return [...merged.values()];
}
