import { batchItemInput, type BatchItemInput } from '@nexa/contracts';
import type { ItemField } from './columns';

export interface RejectedRow {
  /** 1-based row of the file (spreadsheets) or line of the extracted text (PDF). */
  row: number;
  /** The field that was refused (`partnumber`, `quantity`, …). */
  column: string;
  reason: string;
}

export interface IntakeResult {
  format: 'csv' | 'xlsx' | 'pdf';
  items: BatchItemInput[];
  rejected: RejectedRow[];
  /** For PDFs, the layout that read the file (`generic` or a supplier's). */
  layout?: string;
}

export type RawRow = { row: number } & Partial<Record<ItemField, string | number | undefined>>;

/** Reads `1.234,5` (Brazilian), `1,234.5`, `12,5` and `12` as numbers; anything else is NaN. */
export function parseQuantity(raw: string | number): number {
  if (typeof raw === 'number') return raw;
  const text = raw.trim().replace(/\s+/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+,\d+$/.test(text)) return Number(text.replace(',', '.'));
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return Number.NaN;
}

const isBlank = (value: string | number | undefined) => value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * Validates raw rows with the same schema as `classification.submitBatch`. Wholly blank rows are
 * skipped silently; every other refused row is reported with the field and the reason.
 */
export function validateRows(rows: readonly RawRow[]): { items: BatchItemInput[]; rejected: RejectedRow[] } {
  const items: BatchItemInput[] = [];
  const rejected: RejectedRow[] = [];
  for (const raw of rows) {
    const { row, ...cells } = raw;
    if (Object.values(cells).every(isBlank)) continue;
    const candidate: Record<string, unknown> = {};
    for (const field of ['partnumber', 'description', 'manufacturer', 'supplier'] as const) {
      const value = cells[field];
      if (!isBlank(value)) candidate[field] = String(value);
    }
    if (isBlank(cells.partnumber)) {
      rejected.push({ row, column: 'partnumber', reason: 'partnumber is missing' });
      continue;
    }
    if (!isBlank(cells.quantity)) {
      const quantity = parseQuantity(cells.quantity!);
      if (Number.isNaN(quantity)) {
        rejected.push({ row, column: 'quantity', reason: `quantity is not a number (${String(cells.quantity)})` });
        continue;
      }
      candidate.quantity = quantity;
    }
    const parsed = batchItemInput.safeParse(candidate);
    if (parsed.success) items.push(parsed.data);
    else {
      const issue = parsed.error.issues[0]!;
      rejected.push({ row, column: String(issue.path[0] ?? 'row'), reason: issue.message });
    }
  }
  return { items, rejected };
}
