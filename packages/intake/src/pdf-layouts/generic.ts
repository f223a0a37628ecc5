import type { RawRow } from '../rows';
import { parseQuantity } from '../rows';
import type { PdfLayout } from './types';

const UNIT = /^(pc|pcs|pç|pçs|peca|peça|pecas|peças|un|und|unid|ea|each|kg|g|m|mt|cx|rl|jg|par|lot|lote)\.?$/i;
const NUMBER = /^(r\$|us\$|\$)?\d[\d.,]*$/i;
const CURRENCY = /^(r\$|us\$|\$|€|brl|usd|eur)$/i;
const PARTNUMBER = /^[A-Z0-9][A-Z0-9\-./_#]{2,63}$/i;

/**
 * The fallback for any purchase order printed one item per line:
 * `[item no.] <partnumber> <description …> <quantity> [unit] [prices …]`.
 * A line is an item when it has a partnumber-like token (with a digit) followed, after the
 * description, by a quantity and then only units and numbers. Other lines (titles, totals) are skipped.
 */
export const genericLayout: PdfLayout = {
  name: 'generic',
  matches: () => true,
  parse(lines) {
    const rows: RawRow[] = [];
    for (const { line, text } of lines) {
      const tokens = text.trim().split(/\s+/).filter(Boolean);
      if (tokens.length < 2) continue;
      if (/^\d{1,4}$/.test(tokens[0]!) && tokens.length > 2) tokens.shift();
      const partnumber = tokens[0]!;
      if (!PARTNUMBER.test(partnumber) || !/\d/.test(partnumber)) continue;
      const quantityAt = tokens.findIndex(
        (token, index) => index > 0 && NUMBER.test(token) && !Number.isNaN(parseQuantity(token)) && tokens.slice(index + 1).every((rest) => UNIT.test(rest) || NUMBER.test(rest) || CURRENCY.test(rest)),
      );
      if (quantityAt < 0) continue;
      const description = tokens.slice(1, quantityAt).join(' ');
      rows.push({ row: line, partnumber, description, quantity: tokens[quantityAt] });
    }
    return rows;
  },
};
