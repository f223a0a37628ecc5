/**
 * The ERP export this example reads: a CSV (comma or semicolon separated, as Brazilian spreadsheets
 * often are) whose header names the columns. Only `partnumber` is required; Portuguese headers work too.
 */
export interface ErpPart {
  partnumber: string;
  description?: string;
  manufacturer?: string;
  supplier?: string;
}

const columnNames: Record<keyof ErpPart, string[]> = {
  partnumber: ['partnumber', 'part_number', 'codigo', 'código', 'pn'],
  description: ['description', 'descricao', 'descrição'],
  manufacturer: ['manufacturer', 'fabricante'],
  supplier: ['supplier', 'fornecedor'],
};

/** Splits CSV text into rows of fields; quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

export function readErpExport(text: string): ErpPart[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const normalized = header.map((name) => name.trim().toLowerCase());
  const indexOf = (field: keyof ErpPart) => normalized.findIndex((name) => columnNames[field].includes(name));
  const partnumberColumn = indexOf('partnumber');
  if (partnumberColumn === -1) throw new Error(`the export has no partnumber column (header: ${header.join(', ')})`);
  const optional = (['description', 'manufacturer', 'supplier'] as const).map((field) => [field, indexOf(field)] as const);
  return rows.map((cells) => {
    const part: ErpPart = { partnumber: cells[partnumberColumn]?.trim() ?? '' };
    for (const [field, column] of optional) {
      const value = column === -1 ? '' : (cells[column]?.trim() ?? '');
      if (value !== '') part[field] = value;
    }
    return part;
  });
}

const quote = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((cells) => cells.map((cell) => quote(String(cell))).join(',')).join('\n') + '\n';
}
