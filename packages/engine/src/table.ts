import { readFileSync } from 'node:fs';

export class NcmTableError extends Error {
  override name = 'NcmTableError';
}

export interface NcmEntry {
  /** Digits only: '85', '8542', '85423', '854231', '8542319', '85423190'. */
  code: string;
  /** As published: '85.42', '8542.31.90'. */
  dotted: string;
  /** HTML stripped, leading dashes removed, whitespace collapsed. */
  description: string;
  /** Position in the hierarchy: 0 for chapters, 1 for headings, parent depth + 1 below. */
  depth: number;
  /** Code of the nearest ancestor present in the table, null for chapters. */
  parent: string | null;
  /** Descriptions from the chapter down to this entry (inclusive). */
  path: string[];
  pathText: string;
  /** ISO yyyy-mm-dd. */
  validFrom: string | null;
  /** ISO yyyy-mm-dd; null when open-ended (published as 31/12/9999) or absent. */
  validTo: string | null;
  actType: string;
  actNumber: string;
  actYear: string;
}

export interface NcmTable {
  /** Data_Ultima_Atualizacao_NCM, e.g. "Vigente em 13/05/2025". */
  version: string;
  act: string;
  entries: NcmEntry[];
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return HTML_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Removes HTML tags (e.g. <i>, <sub>), decodes entities and collapses whitespace. */
export function stripHtml(text: string): string {
  return collapseWhitespace(decodeHtmlEntities(text.replace(/<[^>]*>/g, '')));
}

const LEADING_DASHES = /^[\s\-–—]+/;

function cleanDescription(raw: string): string {
  return stripHtml(raw).replace(LEADING_DASHES, '').trim();
}

/**
 * Accepts '8542.31.90', '85423190', ' 8542 31 90 ' and returns the 8 digits,
 * or null when the input is not a full NCM code.
 */
export function normalizeNcmCode(input: string): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (!/^[\d.\s-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[.\s-]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

const OPEN_ENDED_YEAR = '9999';

function brazilianDateToIso(value: string, field: string, code: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(trimmed);
  if (!match) throw new NcmTableError(`Entry ${code}: ${field} "${value}" is not a dd/mm/yyyy date`);
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return `${year}-${month}-${day}`;
}

function toIsoDay(date: Date | string): string {
  if (typeof date === 'string') return date.slice(0, 10);
  return date.toISOString().slice(0, 10);
}

/** True when the entry is valid on `onDate` (a Date or an ISO yyyy-mm-dd string). */
export function isInForce(entry: Pick<NcmEntry, 'validFrom' | 'validTo'>, onDate: Date | string = new Date()): boolean {
  const day = toIsoDay(onDate);
  if (entry.validFrom !== null && entry.validFrom > day) return false;
  if (entry.validTo !== null && entry.validTo < day) return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string') {
    throw new NcmTableError(`${where}: field "${key}" must be a string, got ${value === undefined ? 'nothing' : typeof value}`);
  }
  return value;
}

function optionalText(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

const VALID_CODE_LENGTHS = new Set([2, 4, 5, 6, 7, 8]);

/** Validates the Siscomex "Tabela NCM vigente" JSON and builds the hierarchy. */
export function parseNcmTable(json: unknown): NcmTable {
  if (!isRecord(json)) throw new NcmTableError('NCM table must be a JSON object');
  const version = requireString(json, 'Data_Ultima_Atualizacao_NCM', 'NCM table');
  const act = optionalText(json, 'Ato');
  const rawEntries = json['Nomenclaturas'];
  if (!Array.isArray(rawEntries)) throw new NcmTableError('NCM table: "Nomenclaturas" must be an array');
  if (rawEntries.length === 0) throw new NcmTableError('NCM table: "Nomenclaturas" is empty');

  const byCode = new Map<string, NcmEntry>();
  const entries: NcmEntry[] = [];
  rawEntries.forEach((raw, index) => {
    const where = `Nomenclaturas[${index}]`;
    if (!isRecord(raw)) throw new NcmTableError(`${where} must be an object`);
    const dotted = requireString(raw, 'Codigo', where).trim();
    if (!/^[\d.]+$/.test(dotted)) throw new NcmTableError(`${where}: code "${dotted}" has characters other than digits and dots`);
    const code = dotted.replace(/\./g, '');
    if (!VALID_CODE_LENGTHS.has(code.length)) throw new NcmTableError(`${where}: code "${dotted}" has ${code.length} digits`);
    if (byCode.has(code)) throw new NcmTableError(`${where}: duplicate code "${dotted}"`);
    const description = cleanDescription(requireString(raw, 'Descricao', where));
    const validToRaw = optionalText(raw, 'Data_Fim');
    const entry: NcmEntry = {
      code,
      dotted,
      description,
      depth: 0,
      parent: null,
      path: [],
      pathText: '',
      validFrom: brazilianDateToIso(optionalText(raw, 'Data_Inicio'), 'Data_Inicio', dotted),
      validTo: validToRaw.endsWith(OPEN_ENDED_YEAR) ? null : brazilianDateToIso(validToRaw, 'Data_Fim', dotted),
      actType: optionalText(raw, 'Tipo_Ato_Ini'),
      actNumber: optionalText(raw, 'Numero_Ato_Ini'),
      actYear: optionalText(raw, 'Ano_Ato_Ini'),
    };
    byCode.set(code, entry);
    entries.push(entry);
  });

  // Resolve ancestors shortest-first so that a parent's path is ready before its children.
  const byLength = [...entries].sort((a, b) => a.code.length - b.code.length);
  for (const entry of byLength) {
    const parent = nearestAncestor(entry.code, byCode);
    if (parent) {
      entry.parent = parent.code;
      entry.depth = parent.depth + 1;
      entry.path = [...parent.path, entry.description];
      // Built on the parent's text (equal to path.join(' > ')): V8 keeps the concatenation as a reference to
      // both parts instead of copying the whole path into every descendant.
      entry.pathText = `${parent.pathText} > ${entry.description}`;
    } else {
      if (entry.code.length !== 2) {
        throw new NcmTableError(`Entry ${entry.dotted}: no ancestor chapter in the table`);
      }
      entry.path = [entry.description];
      entry.pathText = entry.description;
    }
  }
  return { version: version.trim(), act, entries };
}

function nearestAncestor(code: string, byCode: Map<string, NcmEntry>): NcmEntry | undefined {
  for (let length = code.length - 1; length >= 2; length--) {
    const ancestor = byCode.get(code.slice(0, length));
    if (ancestor) return ancestor;
  }
  return undefined;
}

export function loadNcmTableFromFile(filePath: string): NcmTable {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new NcmTableError(`Cannot read NCM table at ${filePath}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NcmTableError(`NCM table at ${filePath} is not valid JSON: ${(error as Error).message}`);
  }
  return parseNcmTable(json);
}

/** Splits one line of a `;`-separated file with double-quoted fields ("" escapes a quote). */
function splitDelimitedLine(line: string, delimiter = ';'): string[] {
  const fields: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (inQuotes) {
      if (char === '"') {
        if (line[i + 1] === '"') {
          current += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        current += char;
      }
    } else if (char === '"') {
      inQuotes = true;
    } else if (char === delimiter) {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  fields.push(current);
  return fields;
}

/** Comex Stat NCM.csv → Map of 8-digit code → standalone Portuguese description. */
export function parseComexstatCsv(text: string): Map<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitDelimitedLine(lines[0] ?? '').map((name) => name.trim().toUpperCase());
  const codeColumn = header.indexOf('CO_NCM');
  const descriptionColumn = header.indexOf('NO_NCM_POR');
  if (codeColumn < 0 || descriptionColumn < 0) {
    throw new NcmTableError('Comex Stat CSV: header must contain CO_NCM and NO_NCM_POR');
  }
  const descriptions = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.trim() === '') continue;
    const fields = splitDelimitedLine(line);
    const code = normalizeNcmCode(fields[codeColumn] ?? '');
    const description = stripHtml(fields[descriptionColumn] ?? '');
    if (code && description) descriptions.set(code, description);
  }
  return descriptions;
}

export function loadComexstatFromFile(filePath: string): Map<string, string> {
  return parseComexstatCsv(readFileSync(filePath, 'utf8'));
}

/**
 * Comex Stat NCM.csv → Map of 8-digit code → its English and Spanish descriptions (NO_NCM_ING, NO_NCM_ESP),
 * joined. Lets part descriptions written in English or Spanish match. Empty map when the columns are absent.
 */
export function parseComexstatTranslations(text: string): Map<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitDelimitedLine(lines[0] ?? '').map((name) => name.trim().toUpperCase());
  const codeColumn = header.indexOf('CO_NCM');
  const columns = ['NO_NCM_ING', 'NO_NCM_ESP'].map((name) => header.indexOf(name)).filter((index) => index >= 0);
  const translations = new Map<string, string>();
  if (codeColumn < 0 || columns.length === 0) return translations;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.trim() === '') continue;
    const fields = splitDelimitedLine(line);
    const code = normalizeNcmCode(fields[codeColumn] ?? '');
    const text = columns.map((column) => stripHtml(fields[column] ?? '')).filter((part) => part !== '').join(' . ');
    if (code && text) translations.set(code, text);
  }
  return translations;
}

export function loadComexstatTranslationsFromFile(filePath: string): Map<string, string> {
  return parseComexstatTranslations(readFileSync(filePath, 'utf8'));
}

/**
 * HS 2022 CSV (`section,hscode,description,parent,level`) → Map of HS code (2, 4 or 6 digits) → English text.
 * The HS text is the WCO's (via UN Comtrade); it is used only as extra matching vocabulary.
 */
export function parseHsCsv(text: string): Map<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitDelimitedLine(lines[0] ?? '', ',').map((name) => name.trim().toLowerCase());
  const codeColumn = header.indexOf('hscode');
  const descriptionColumn = header.indexOf('description');
  if (codeColumn < 0 || descriptionColumn < 0) throw new NcmTableError('HS CSV: header must contain hscode and description');
  const descriptions = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.trim() === '') continue;
    const fields = splitDelimitedLine(line, ',');
    const code = (fields[codeColumn] ?? '').trim();
    const description = stripHtml(fields[descriptionColumn] ?? '');
    if (/^\d{2}(?:\d{2}){0,2}$/.test(code) && description) descriptions.set(code, description);
  }
  return descriptions;
}

export function loadHsFromFile(filePath: string): Map<string, string> {
  return parseHsCsv(readFileSync(filePath, 'utf8'));
}
