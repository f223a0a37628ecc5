import ExcelJS from 'exceljs';
import { IntakeError } from './errors';
import { validateRows, type IntakeResult } from './rows';
import { rowsFromTable } from './table-rows';
import { checkDeclaredSize, readZipEntries } from './zip-entries';

/**
 * About five times a full 10,000-row, 12-column sheet (6 MB of XML); ExcelJS needs about 18 times the
 * unpacked size in memory and holds the event loop for about 0.2 s per MB.
 */
export const DEFAULT_XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;

export interface ParseXlsxOptions {
  /** Refuses a workbook whose files unpack to more than this many bytes in all (a ZIP bomb). */
  maxUnpackedBytes?: number;
}

type Cell = string | number | undefined;

/** A cell's value as text or number: rich text joined, formulas by their result, dates as ISO days. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return undefined;
  return undefined;
}

/** ExcelJS unpacks the whole workbook into memory on the main thread, so its size is checked first. */
async function refuseOversizedWorkbook(input: Uint8Array, maxUnpackedBytes: number): Promise<void> {
  const entries = readZipEntries(input);
  const unpackedBytes = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (unpackedBytes > maxUnpackedBytes) {
    throw new IntakeError('FILE_TOO_LARGE', `the XLSX unpacks to ${unpackedBytes} bytes; the limit is ${maxUnpackedBytes}`);
  }
  for (const entry of entries) await checkDeclaredSize(entry);
}

export async function parseXlsx(input: Uint8Array, { maxUnpackedBytes = DEFAULT_XLSX_MAX_UNPACKED_BYTES }: ParseXlsxOptions = {}): Promise<IntakeResult> {
  if (input.byteLength === 0) throw new IntakeError('EMPTY_FILE', 'the file is empty');
  await refuseOversizedWorkbook(input, maxUnpackedBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(input.buffer, input.byteOffset, input.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new IntakeError('UNREADABLE_FILE', `the XLSX could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The first worksheet that has any rows.
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw new IntakeError('EMPTY_FILE', 'the workbook has no rows');
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  for (let index = 0; index < rows.length; index++) rows[index] ??= [];
  return { format: 'xlsx', ...validateRows(rowsFromTable(rows)) };
}
