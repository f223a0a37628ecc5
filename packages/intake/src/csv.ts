import { parse } from 'csv-parse/sync';
import { IntakeError } from './errors';
import { validateRows, type IntakeResult } from './rows';
import { rowsFromTable } from './table-rows';

/** Brazilian spreadsheets export `;`-separated CSV; others use `,` or tabs. The header line decides. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

export function parseCsv(input: string | Uint8Array): IntakeResult {
  const text = typeof input === 'string' ? input : decodeText(input);
  if (text.trim() === '') throw new IntakeError('EMPTY_FILE', 'the file is empty');
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    throw new IntakeError('UNREADABLE_FILE', `the CSV could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { format: 'csv', ...validateRows(rowsFromTable(records.map((cells) => cells.map(withoutFormulaGuard)))) };
}

/** Undoes the `'` that Nexa's CSV export puts before text starting like a formula (`=`, `+`, `-`, `@`, tab, CR). */
function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** UTF-8, falling back to Windows-1252 (what Excel in Portuguese saves) when the bytes are not UTF-8. */
function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new IntakeError('UNREADABLE_FILE', 'the file is binary, not CSV text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
