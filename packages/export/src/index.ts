export { EXPORT_COLUMNS, toExportRow, type ExportColumnKey, type ExportRow } from './export-rows';
export { buildCsv, buildXlsx } from './builders';
