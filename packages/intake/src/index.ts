export { parseCsv } from './csv';
export { parseXlsx, DEFAULT_XLSX_MAX_UNPACKED_BYTES, type ParseXlsxOptions } from './xlsx';
export { parsePdf } from './pdf';
export { detectFormat, parseFile, type FileFormat, type ParseFileOptions } from './detect';
export { IntakeError, httpStatusOfIntakeError, type IntakeErrorCode } from './errors';
export { validateRows, parseQuantity, type IntakeResult, type RawRow, type RejectedRow } from './rows';
export { detectColumns, normaliseHeader, type ColumnMap, type ItemField } from './columns';
export { pdfLayouts, arrowLayout, genericLayout, type PdfLayout, type PdfLine } from './pdf-layouts';
