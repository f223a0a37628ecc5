import { startTestNexa } from '@nexa/tests';
import { describe, expect, it } from 'vitest';
import { parseCsv, readErpExport, toCsv } from '../src/erp-csv';
import { syncErpExport } from '../src/sync';

describe('reading the ERP export', () => {
  it('reads semicolon CSV with Portuguese headers, quotes and a BOM', () => {
    const text = '\uFEFFCodigo;Descricao;Fabricante\nLM358DR;"amplificador; operacional";TI\r\nBC547;"transistor ""NPN""";\n\n';
    expect(readErpExport(text)).toEqual([
      { partnumber: 'LM358DR', description: 'amplificador; operacional', manufacturer: 'TI' },
      { partnumber: 'BC547', description: 'transistor "NPN"' },
    ]);
  });

  it('refuses an export without a partnumber column', () => {
    expect(() => readErpExport('name,price\nx,1\n')).toThrow(/no partnumber column/);
  });

  it('writes CSV that reads back the same', () => {
    const csv = toCsv(['a', 'b'], [['x, y', 'say "hi"']]);
    expect(parseCsv(csv)).toEqual([['a', 'b'], ['x, y', 'say "hi"']]);
  });
});

describe('syncing with a Nexa server', () => {
  it('classifies every row in order and reports a rejected row without stopping the rest', async () => {
    await using nexa = await startTestNexa();
    const parts = readErpExport('partnumber,description\nLM358DR,amplificador operacional\nX,too short\nNE555,timer\n');
    const progress: number[] = [];
    const synced = await syncErpExport(nexa.client(), parts, { concurrency: 2, onProgress: (done) => progress.push(done) });

    expect(synced.map((part) => [part.partnumber, part.status])).toEqual([
      ['LM358DR', 'done'],
      ['X', 'failed'],
      ['NE555', 'done'],
    ]);
    const first = synced[0]!;
    if (first.status !== 'done') throw new Error('expected a classification');
    expect(first.ncm).toMatch(/^\d{8}$/);
    expect((await nexa.client().task.get.query({ taskId: first.taskId })).status).toBe('done');
    expect(synced[1]).toMatchObject({ status: 'failed', error: expect.stringContaining('partnumber must have at least 3 characters') });
    expect(progress).toEqual([1, 2, 3]);
  });
});
