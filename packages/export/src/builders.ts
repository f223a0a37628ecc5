import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportRow } from './export-rows';

export async function buildXlsx(rows: Iterable<ExportRow>, sheetName = 'Classificação'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Nexa';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn('confidence').numFmt = '0.00';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** How text that spreadsheets run as a formula starts (OWASP "CSV injection"); `parseCsv` strips the guard again. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 quoting: a field with the delimiter, a quote or a line break is quoted, quotes doubled.
 * Text starting like a formula gets a leading `'`, so Excel shows it as text instead of running it.
 */
function csvField(value: string | number | null, delimiter: string): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * `;`-separated with a BOM and CRLF, which Excel in Portuguese opens as columns with accents intact.
 * Numbers keep a dot as decimal separator so other programs read them too.
 */
export function buildCsv(rows: Iterable<ExportRow>, delimiter = ';'): string {
  const lines = [EXPORT_COLUMNS.map((column) => csvField(column.header, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((column) => csvField(row[column.key], delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
