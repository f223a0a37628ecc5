export { EXPORT_COLUMNS, formatNcm, toExportRow, type ExportColumnKey, type ExportRow } from './export-rows';
export { buildCsv, buildXlsx } from './builders';
