/**
 * Hints read from partnumbers and technical specs (units, thread sizes, bearing
 * series, standard numbers). A hint adds nomenclature wording to the query; it
 * never names a code.
 */
export interface SpecHint {
  name: string;
  pattern: RegExp;
  /** Nomenclature wording added to the query when the pattern matches. */
  expansion: string;
  /** How telling the hint is: 1 names the kind of goods, lower values only qualify it (a voltage rating). */
  strength: number;
  /** The hint does not apply to a text this matches. */
  unless?: RegExp;
}

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;

export const SPEC_HINTS: readonly SpecHint[] = [
  {
    name: 'metric-thread',
    pattern: new RegExp(String.raw`(?:^|[^a-z0-9])m\d{1,2}(?:[.,]\d+)?\s*[x×*]\s*${NUMBER}`, 'i'),
    strength: 1,
    expansion: 'parafusos roscados',
  },
  {
    name: 'fastener-standard',
    pattern: /\b(?:din|iso)\s*-?\s*(?:912|931|933|7985|7991|965|963|4762|4017|4014|7380|10642|1207|84|85)\b/i,
    strength: 1,
    expansion: 'parafusos roscados',
  },
  {
    name: 'nut-standard',
    pattern: /\b(?:din|iso)\s*-?\s*(?:934|985|982|936|439|4032|4035|7040|10511|6923)\b/i,
    strength: 1,
    expansion: 'porcas roscadas',
  },
  {
    name: 'washer-standard',
    pattern: /\b(?:din|iso)\s*-?\s*(?:125|127|9021|7089|7090|6798|7093)\b/i,
    strength: 1,
    expansion: 'arruelas',
  },
  {
    name: 'retaining-ring-standard',
    pattern: /\bdin\s*-?\s*(?:471|472|6799)\b/i,
    strength: 1,
    expansion: 'anéis de retenção',
  },
  {
    name: 'ball-bearing-series',
    pattern: /\b(?:6[0-4]\d{2}|16\d{3}|6[0-4]\d{3}|62\d{3}|63\d{3}|[1-3]\d{3}|7[0-3]\d{2}[a-z]?)\s*[-/]?\s*(?:2rs[a-z0-9]*|rs[a-z0-9]*|2z[a-z0-9]*|zz[a-z0-9]*|z|llu|ddu|2rsh|2rsr|c3|nr)\b/i,
    strength: 1,
    expansion: 'rolamentos de esferas',
  },
  {
    name: 'roller-bearing-series',
    pattern: /\b(?:nu|nj|nup|na|nk|hk|rna)\d{3,5}\b|\b(?:3[0-3]\d{3}|22[2-3]\d{2})\s*(?:cc|ca|e|ek|cck|w33)\b/i,
    strength: 1,
    expansion: 'rolamentos de roletes',
  },
  {
    name: 'capacitance',
    pattern: new RegExp(String.raw`${NUMBER}\s*(?:µ|μ|u|n|p)f\b|\b(?:uf|µf|μf|nf|pf)\b`, 'i'),
    strength: 1,
    expansion: 'condensadores elétricos',
  },
  {
    name: 'multilayer-ceramic-capacitor',
    // Makers' partnumber series (Murata GRM/GCM, Samsung CL, KEMET C…C, TDK C…X7R) and the ceramic dielectric codes.
    pattern:
      /\b(?:(?:grm|gcm|grt|gjm)\d{3}[a-z0-9]*|cl(?:03|05|10|21|31|32|43)[a-z]\d{3}[a-z0-9]*|c(?:0201|0402|0603|0805|1206|1210|1812)c\d{3}[a-z0-9]*|c(?:0603|1005|1608|2012|3216|3225)(?:x[5-8][rs]|c0g|np0)[a-z0-9]*|x[5-8][rs]|c0g|np0|y5v|z5u)\b/i,
    strength: 1,
    expansion: 'condensadores elétricos fixos de dielétrico de cerâmica de camadas múltiplas',
  },
  {
    name: 'chip-resistor',
    // Makers' partnumber series: Yageo RC, Vishay CRCW, Panasonic ERJ, KOA RK73, Stackpole RMCF.
    pattern: /\b(?:rc(?:0201|0402|0603|0805|1206|2010|2512)[a-z]{2}-?\d{2}[a-z0-9]*|crcw\d{4}[a-z0-9]*|erj-?\d[a-z0-9]*|rk73[a-z0-9]*|rmcf\d{4}[a-z0-9]*)\b/i,
    strength: 1,
    expansion: 'resistências elétricas fixas de potência não superior a 20 W',
  },
  {
    name: 'electrolytic-capacitor',
    pattern: /eletrol[ií]tico|electrolytic/i,
    strength: 1,
    expansion: 'condensadores eletrolíticos',
  },
  {
    name: 'conductor-cross-section',
    pattern: new RegExp(String.raw`${NUMBER}\s*mm(?:²|2|\^2|\s?sq)|\b\d{1,2}\s*awg\b|\bawg\s*\d{1,2}\b`, 'i'),
    strength: 1,
    expansion: 'fios cabos condutores elétricos isolados',
  },
  {
    // Wire sold by its cross-section is building and equipment wire, unless it is bare or winding wire.
    name: 'low-voltage-conductor',
    pattern: new RegExp(String.raw`${NUMBER}\s*mm(?:²|2|\^2|\s?sq)|\b\d{1,2}\s*awg\b|\bawg\s*\d{1,2}\b`, 'i'),
    unless: /\b(?:nu|nus|bare|desnudo|desnudos|esmaltado|esmaltados|enamell?ed|magnet|bobinar|winding)\b/i,
    strength: 0.7,
    expansion: 'outros condutores elétricos para uma tensão não superior a 1.000 V',
  },
  {
    name: 'resistance',
    pattern: new RegExp(String.raw`${NUMBER}\s*[kKmM]?\s*(?:Ω|ω|ohms?)(?![a-z])`, 'i'),
    strength: 1,
    expansion: 'resistências elétricas',
  },
  {
    name: 'inductance',
    pattern: new RegExp(String.raw`${NUMBER}\s*(?:µ|μ|u|m|n)h\b`, 'i'),
    strength: 1,
    expansion: 'indutâncias bobinas de reatância e de auto-indução',
  },
  {
    name: 'battery-capacity',
    pattern: new RegExp(String.raw`${NUMBER}\s*m?ah\b`, 'i'),
    strength: 1,
    expansion: 'acumuladores elétricos baterias',
  },
  {
    name: 'voltage-rating',
    pattern: new RegExp(String.raw`${NUMBER}\s*(?:k?v|vac|vdc|vca|vcc)\b`, 'i'),
    strength: 0.3,
    expansion: 'elétricos tensão',
  },
  {
    name: 'current-rating',
    pattern: new RegExp(String.raw`${NUMBER}\s*m?a\b(?!\s*\d)`, 'i'),
    strength: 0.3,
    expansion: 'elétricos corrente',
  },
  {
    name: 'power-rating',
    pattern: new RegExp(String.raw`${NUMBER}\s*(?:k|m)?w\b`, 'i'),
    strength: 0.3,
    expansion: 'elétricos potência',
  },
  {
    name: 'rotation-speed',
    pattern: new RegExp(String.raw`${NUMBER}\s*rpm\b`, 'i'),
    strength: 0.3,
    expansion: 'motores',
  },
  {
    name: 'pressure-rating',
    pattern: new RegExp(String.raw`${NUMBER}\s*(?:bar|psi|kpa|mpa|kgf\/cm2)\b`, 'i'),
    strength: 0.3,
    expansion: 'pressão',
  },
  {
    name: 'pipe-thread',
    pattern: /\b(?:npt|bsp|bspt|bspp)\b/i,
    strength: 1,
    expansion: 'acessórios para tubos roscados',
  },
  {
    name: 'ic-package',
    pattern: /\b(?:soic|tssop|ssop|msop|qfn|dfn|lqfp|tqfp|qfp|bga|plcc)(?:-?\d+)?\b/i,
    strength: 0.5,
    expansion: 'circuitos integrados eletrônicos',
  },
  {
    name: 'logic-ic-partnumber',
    pattern: /\b(?:74(?:hc|hct|ls|ac|act|lvc)\d{2,4}|lm\d{3,4}[a-z]*|ne555\w*|atmega\d+\w*|attiny\d+\w*|stm32\w+|pic\d{2}[a-z]\w*|esp32\w*|esp8266|tl\d{3}[a-z]*|max\d{3,5}\w*|ad\d{3,4}\w*|cd4\d{3}\w*)\b/i,
    strength: 1,
    expansion: 'circuitos integrados eletrônicos',
  },
  {
    name: 'transistor-partnumber',
    pattern: /\b(?:2n\d{4}|2sc\d{3,4}|2sa\d{3,4}|bc\d{3}[a-c]?|bd\d{3}|tip\d{2,3}[a-z]?|irf[a-z]?\d{3,4}\w*|irlz?\d{2,4}\w*)\b/i,
    strength: 1,
    expansion: 'transistores',
  },
  {
    name: 'diode-partnumber',
    pattern: /\b(?:1n\d{3,4}[a-z]?|bzx\w+|bav\d+\w*|smbj\w+|p6ke\w+)\b/i,
    strength: 1,
    expansion: 'diodos',
  },
  // Industrial automation makers' catalogue series, for purchase orders that list the bare partnumber.
  {
    name: 'contactor-series',
    // Siemens 3RT, Schneider TeSys LC1-D/E/F, WEG CWM, Eaton DILM.
    pattern: /\b(?:3rt\d{4}\w*|lc1[def]\d{2,3}\w*|cwm\d{1,3}\w*|dilm\d{1,3}\w*)/i,
    strength: 1,
    expansion: 'contatores relés',
  },
  {
    name: 'circuit-breaker-series',
    // Motor protection (Siemens 3RV, Schneider GV2/GV3, WEG MPW) and miniature breakers (Siemens 5SL/5SY, Schneider A9F).
    pattern: /\b(?:3rv\d{4}\w*|gv[23][a-z]{1,2}\d{1,2}\w*|mpw\d{2,3}\w*|5s[ly]\d{4}\w*|a9f\d{5}\w*)/i,
    strength: 1,
    expansion: 'disjuntores',
  },
  {
    name: 'programmable-controller-series',
    // Siemens SIMATIC 6ES7, Schneider Modicon TM221/TM241, Omron CP1, Allen-Bradley 1756/1769.
    pattern: /\b(?:6es7\s?\d{3}\w*|tm2[24]1\w*|cp1[ehl]-?\w*|17(?:56|69)-\w+)/i,
    strength: 1,
    expansion: 'controladores programáveis',
  },
  {
    name: 'drive-series',
    // Frequency inverters: Siemens SINAMICS 6SL3, WEG CFW, Schneider Altivar ATV.
    pattern: /\b(?:6sl3\d{3}\w*|cfw\d{2,3}\w*|atv\d{2,3}\w*)/i,
    strength: 1,
    expansion: 'conversores estáticos',
  },
  {
    name: 'control-switch-series',
    // Pushbuttons and pilot devices (Schneider XB4/XB5/XB7, Siemens 3SU1) and Omron proximity and photoelectric sensors (E2E, E2B, E3Z).
    pattern: /\b(?:xb[457][a-z]{2}\d{1,3}\w*|3su1\d{3}\w*|e2[be]-\w+|e3z-\w+)/i,
    strength: 1,
    expansion: 'interruptores comutadores',
  },
  {
    name: 'relay-series',
    // Omron G2R, G5LE, G5Q, G6K signal and power relays.
    pattern: /\b(?:g2r-\w+|g5le-\w+|g5q-\w+|g6k-\w+)/i,
    strength: 1,
    expansion: 'relés',
  },
  {
    name: 'pneumatic-cylinder-series',
    // Festo DSNU, ADN, DSBC; SMC CQ2, MGPM, CP96.
    pattern: /\b(?:dsnu-\w+|adn-\d+\w*|dsbc-\w+|cd?q2[a-z]\d+\w*|mgpm\w+|cp96\w+)/i,
    strength: 1,
    expansion: 'cilindros pneumáticos motores pneumáticos de movimento retilíneo',
  },
  {
    name: 'solenoid-valve-series',
    // Festo VUVG, MFH; SMC SY.
    pattern: /\b(?:vuvg-\w+|mfh-\w+|sy[3579]\d{3}\w*)/i,
    strength: 1,
    expansion: 'válvulas solenoides',
  },
  {
    name: 'o-ring-size',
    pattern: /\bas\s*-?\s*568\s*-?\s*\d{3}\b|\b\d+(?:[.,]\d+)?\s*[x×]\s*\d+(?:[.,]\d+)?\s*(?:nbr|fkm|epdm|viton)\b/i,
    strength: 1,
    expansion: 'juntas vedação borracha vulcanizada',
  },
];

export interface MatchedHint {
  name: string;
  expansion: string;
  strength: number;
}

export function matchSpecHints(text: string, hints: readonly SpecHint[] = SPEC_HINTS): MatchedHint[] {
  const matched: MatchedHint[] = [];
  for (const hint of hints) {
    if (hint.pattern.test(text) && !hint.unless?.test(text)) matched.push({ name: hint.name, expansion: hint.expansion, strength: hint.strength });
  }
  return matched;
}
