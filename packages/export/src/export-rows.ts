import { formatNcm, type TaskItem } from '@nexa/contracts';

/** The earlier system's columns, then Nexa's additions (confidence, status, alternatives, quantity, review, reason). */
export const EXPORT_COLUMNS = [
  { key: 'seq', header: 'Seq', width: 7 },
  { key: 'partnumber', header: 'Partnumber', width: 22 },
  { key: 'erpDescription', header: 'Descrição ERP', width: 40 },
  { key: 'diDescription', header: 'Descrição DI', width: 50 },
  { key: 'ncm', header: 'NCM', width: 12 },
  { key: 'manufacturer', header: 'Fabricante', width: 24 },
  { key: 'address', header: 'Endereço', width: 30 },
  { key: 'country', header: 'País', width: 8 },
  { key: 'confidence', header: 'Confiança', width: 11 },
  { key: 'status', header: 'Status', width: 11 },
  { key: 'alternatives', header: 'Alternativas', width: 40 },
  { key: 'quantity', header: 'Quantidade', width: 11 },
  /** The classification's status: ACTIVE (not reviewed), APPROVED, REJECTED. */
  { key: 'review', header: 'Revisão', width: 11 },
  { key: 'reason', header: 'Motivo', width: 40 },
] as const;

export type ExportColumnKey = (typeof EXPORT_COLUMNS)[number]['key'];
/** One exported line; a missing value is `null` (an empty cell). */
export type ExportRow = Record<ExportColumnKey, string | number | null>;

export function toExportRow(item: TaskItem): ExportRow {
  const classification = item.classification;
  return {
    seq: item.seq,
    partnumber: item.partnumber,
    erpDescription: item.description,
    diDescription: classification?.description ?? null,
    ncm: classification ? formatNcm(classification.ncm) : null,
    manufacturer: classification?.manufacturer ?? item.manufacturer,
    // Nexa does not know manufacturers' addresses yet; the column is kept for the earlier system's importers.
    address: null,
    country: classification?.country ?? null,
    confidence: classification ? Math.round(classification.confidence * 100) / 100 : null,
    status: item.status,
    alternatives: classification?.alternatives.length ? classification.alternatives.map((alt) => `${formatNcm(alt.ncm)} (${alt.score.toFixed(2)})`).join('; ') : null,
    quantity: item.quantity,
    review: classification?.status ?? null,
    reason: item.error,
  };
}
