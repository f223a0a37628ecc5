import ExcelJS from 'exceljs';
import { IntakeError } from './errors';
import { validateRows, type IntakeResult } from './rows';
import { rowsFromTable } from './table-rows';

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

export async function parseXlsx(input: Uint8Array): Promise<IntakeResult> {
  if (input.byteLength === 0) throw new IntakeError('EMPTY_FILE', 'the file is empty');
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
