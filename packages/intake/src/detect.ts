import { parseCsv } from './csv';
import { IntakeError } from './errors';
import { parsePdf } from './pdf';
import type { IntakeResult } from './rows';
import { parseXlsx } from './xlsx';

export type FileFormat = IntakeResult['format'];

const OTHER_ZIP_FORMATS = new Set(['zip', 'docx', 'pptx', 'odt', 'ods', 'odp', 'jar', 'xlsm', 'xlsb']);
const BY_EXTENSION: Record<string, FileFormat> = { csv: 'csv', txt: 'csv', xlsx: 'xlsx', pdf: 'pdf' };
const BY_MIME: Record<string, FileFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/plain': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/pdf': 'pdf',
};

/** By the file's first bytes, then its name, then its declared type. */
export function detectFormat(bytes: Uint8Array, filename?: string, mimeType?: string): FileFormat {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF-')) return 'pdf';
  const extension = filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  // XLSX files are ZIP archives ("PK"); other ZIP-based files (DOCX, ODS, …) are refused by extension.
  if (head.startsWith('PK') && !OTHER_ZIP_FORMATS.has(extension ?? '')) return 'xlsx';
  const byName = extension ? BY_EXTENSION[extension] : undefined;
  if (byName) return byName;
  const byMime = mimeType ? BY_MIME[mimeType.split(';')[0]!.trim().toLowerCase()] : undefined;
  if (byMime) return byMime;
  throw new IntakeError('UNSUPPORTED_TYPE', `unsupported file type${filename ? ` (${filename})` : ''}: send CSV, XLSX or PDF`);
}

export interface ParseFileOptions {
  filename?: string | undefined;
  mimeType?: string | undefined;
  maxBytes?: number;
  maxItems?: number;
  /** Largest total unpacked size of an XLSX; default `DEFAULT_XLSX_MAX_UNPACKED_BYTES` (32 MiB). */
  maxXlsxUnpackedBytes?: number;
}

/** Reads any supported file: the format is detected, the rows validated, refused rows reported. */
export async function parseFile(bytes: Uint8Array, { filename, mimeType, maxBytes, maxItems, maxXlsxUnpackedBytes }: ParseFileOptions = {}): Promise<IntakeResult> {
  if (maxBytes !== undefined && bytes.byteLength > maxBytes) {
    throw new IntakeError('FILE_TOO_LARGE', `the file has ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  }
  if (bytes.byteLength === 0) throw new IntakeError('EMPTY_FILE', 'the file is empty');
  const format = detectFormat(bytes, filename, mimeType);
  const result = format === 'pdf' ? await parsePdf(bytes) : format === 'xlsx' ? await parseXlsx(bytes, { maxUnpackedBytes: maxXlsxUnpackedBytes }) : parseCsv(bytes);
  if (result.items.length === 0) {
    throw new IntakeError('NO_ITEMS', `the file has no valid rows (${result.rejected.length} rejected)`, result.rejected);
  }
  if (maxItems !== undefined && result.items.length > maxItems) {
    throw new IntakeError('FILE_TOO_LARGE', `the file has ${result.items.length} items; a batch may hold at most ${maxItems}`);
  }
  return result;
}
