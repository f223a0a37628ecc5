/** The fields a spreadsheet column can feed. */
export type ItemField = 'partnumber' | 'description' | 'manufacturer' | 'supplier' | 'quantity';

/** Header names (Portuguese and English), compared without accents, case, spaces or punctuation. */
const HEADER_ALIASES: Record<ItemField, string[]> = {
  partnumber: ['partnumber', 'part number', 'part no', 'part #', 'pn', 'p/n', 'mpn', 'codigo', 'código', 'cod', 'código do item', 'codigo do produto', 'item code', 'referencia', 'referência', 'part'],
  description: ['descricao', 'descrição', 'description', 'desc', 'descrição do item', 'descricao erp', 'item description', 'produto'],
  manufacturer: ['fabricante', 'manufacturer', 'mfr', 'mfg', 'marca', 'brand'],
  supplier: ['fornecedor', 'supplier', 'vendor', 'distribuidor'],
  quantity: ['quantidade', 'qtd', 'qtde', 'qty', 'quantity', 'quant'],
};

export const normaliseHeader = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]/g, '');

const FIELD_BY_HEADER = new Map<string, ItemField>(
  Object.entries(HEADER_ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [normaliseHeader(alias), field as ItemField] as const)),
);

export type ColumnMap = Partial<Record<ItemField, number>>;

/** Which column index feeds which field; the first matching column of each field wins. */
export function detectColumns(headers: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (field && map[field] === undefined) map[field] = index;
  });
  return map;
}
