import type { RawRow } from '../rows';
import type { PdfLayout } from './types';

const FIELDS: Record<string, keyof Omit<RawRow, 'row'>> = {
  'mfr part #': 'partnumber',
  'manufacturer': 'manufacturer',
  'description': 'description',
  'qty': 'quantity',
};

/**
 * Arrow Electronics' order acknowledgement: each item is a block of `Key: value` lines that starts
 * with `Line <n>`, e.g. `Line 1` / `Mfr Part #: LM358DR` / `Manufacturer: Texas Instruments` /
 * `Description: IC OPAMP GP 2 CIRCUIT 8SOIC` / `Qty: 100`. The supplier is Arrow on every item.
 */
export const arrowLayout: PdfLayout = {
  name: 'arrow',
  matches: (text) => /Arrow Electronics/i.test(text) && /Mfr Part #:/i.test(text),
  parse(lines) {
    const rows: RawRow[] = [];
    let current: RawRow | null = null;
    for (const { line, text } of lines) {
      if (/^\s*Line\s+\d+\b/i.test(text)) {
        current = { row: line, supplier: 'Arrow Electronics' };
        rows.push(current);
        continue;
      }
      if (!current) continue;
      const match = /^\s*([^:]+):\s*(.*)$/.exec(text);
      const field = match ? FIELDS[match[1]!.trim().toLowerCase()] : undefined;
      if (field) current[field] = match![2]!.trim();
    }
    return rows;
  },
};
