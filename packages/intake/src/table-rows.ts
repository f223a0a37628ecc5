import { detectColumns, type ItemField } from './columns';
import { IntakeError } from './errors';
import type { RawRow } from './rows';

/** How many leading rows may precede the header row (titles, logos, blank lines). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the first with a partnumber column among the first rows) and turns the
 * rows below it into raw rows. `rows[i]` is file row `i + 1`.
 */
export function rowsFromTable(rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): RawRow[] {
  const nonEmpty = rows.some((cells) => cells.some((cell) => cell !== undefined && String(cell).trim() !== ''));
  if (!nonEmpty) throw new IntakeError('EMPTY_FILE', 'the file has no rows');
  for (let headerIndex = 0; headerIndex < Math.min(rows.length, HEADER_SEARCH_ROWS); headerIndex++) {
    const columns = detectColumns((rows[headerIndex] ?? []).map((cell) => String(cell ?? '')));
    if (columns.partnumber === undefined) continue;
    const entries = Object.entries(columns) as Array<[ItemField, number]>;
    return rows.slice(headerIndex + 1).map((cells, offset) => {
      const raw: RawRow = { row: headerIndex + 2 + offset };
      for (const [field, index] of entries) raw[field] = cells[index];
      return raw;
    });
  }
  throw new IntakeError(
    'NO_PARTNUMBER_COLUMN',
    'no partnumber column found: name one of the first rows\' columns partnumber, part number, PN or código',
  );
}
