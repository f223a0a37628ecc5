/**
 * Light Portuguese stemmer in the spirit of RSLP: plural reduction, adverb suffix,
 * and removal of the final gender/thematic vowel. It works on lowercase text with
 * accents already removed. Consistency (query and index share it) matters more than
 * linguistic precision.
 */

const MIN_STEM_LENGTH = 3;

interface SuffixRule {
  suffix: string;
  replacement: string;
  /** The word must be longer than this for the rule to apply. */
  minWordLength: number;
  exceptions?: ReadonlySet<string>;
}

const PLURAL_RULES: readonly SuffixRule[] = [
  { suffix: 'oes', replacement: 'ao', minWordLength: 4 },
  // "pães", "cães", "mães": the -ães plural of a short -ão word.
  { suffix: 'aes', replacement: 'ao', minWordLength: 3, exceptions: new Set(['maes']) },
  { suffix: 'ais', replacement: 'al', minWordLength: 4, exceptions: new Set(['cais', 'mais', 'pais', 'demais']) },
  // -eis is the plural of -el and of unstressed -il (papéis, portáteis, têxteis): both end in a bare "l".
  { suffix: 'eis', replacement: 'l', minWordLength: 4, exceptions: new Set(['reis', 'seis']) },
  { suffix: 'ois', replacement: 'ol', minWordLength: 4, exceptions: new Set(['dois', 'depois']) },
  { suffix: 'uis', replacement: 'ul', minWordLength: 4 },
  // Stressed -il makes -is (perfis, funis, barris); invariable -is words (lápis, tênis) stem alike in both numbers.
  { suffix: 'is', replacement: 'l', minWordLength: 4, exceptions: new Set(['mais', 'pais', 'cais', 'demais', 'ademais']) },
  // -éu/-au words add an s (chapéus, pneus, degraus), unlike Latin -us singulars.
  { suffix: 'eus', replacement: 'eu', minWordLength: 4 },
  { suffix: 'aus', replacement: 'au', minWordLength: 4 },
  { suffix: 'res', replacement: 'r', minWordLength: 4 },
  { suffix: 'zes', replacement: 'z', minWordLength: 4 },
  { suffix: 'ses', replacement: 's', minWordLength: 4 },
  { suffix: 'ns', replacement: 'm', minWordLength: 3 },
];

const SINGULAR_ENDINGS_IN_S = ['ss', 'us', 'is'];

function applyFirstRule(word: string, rules: readonly SuffixRule[]): string | null {
  for (const rule of rules) {
    if (word.length > rule.minWordLength && word.endsWith(rule.suffix) && !rule.exceptions?.has(word)) {
      return word.slice(0, word.length - rule.suffix.length) + rule.replacement;
    }
  }
  return null;
}

function removePlural(word: string): string {
  const ruled = applyFirstRule(word, PLURAL_RULES);
  if (ruled !== null) return ruled;
  if (word.length > 3 && word.endsWith('s') && !SINGULAR_ENDINGS_IN_S.some((ending) => word.endsWith(ending))) {
    return word.slice(0, -1);
  }
  return word;
}

const ADVERB_SUFFIX = 'mente';
/** -cão words that are a stem's augmentative, not a -ção noun: "macacão" (overalls) is not "macaco" (a jack). */
const AUGMENTATIVES_IN_CAO = new Set(['macacao']);
const THEMATIC_VOWELS = new Set(['a', 'e', 'o']);

export function stemPortuguese(word: string): string {
  if (word.length <= MIN_STEM_LENGTH || /\d/.test(word)) return word;
  let stem = removePlural(word);
  if (stem.length > ADVERB_SUFFIX.length + 3 && stem.endsWith(ADVERB_SUFFIX)) {
    stem = stem.slice(0, -ADVERB_SUFFIX.length);
  }
  // Singular -el/-il meet their -eis/-is plurals: papel ~ papéis, portátil ~ portáteis, perfil ~ perfis.
  if (/[ei]l$/.test(stem) && stem.length > 3) return stem.slice(0, -2) + 'l';
  if (stem.endsWith('ao')) {
    // -ção/-são/-xão nouns lose the ending ("impressão" ~ "impressos"); any other -ão is a word of its own,
    // often an augmentative: "caminhão" is not "caminho", "calção" not "calça", "melão" not "mel".
    if (!/[csx]ao$/.test(stem) || stem.length <= 4 || AUGMENTATIVES_IN_CAO.has(stem)) return stem;
    stem = stem.slice(0, -2);
  }
  if (stem.length > 4 && THEMATIC_VOWELS.has(stem[stem.length - 1] ?? '')) stem = stem.slice(0, -1);
  return stem;
}
