import { tables } from '@nexa/db';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { bearer, collect, fetchExport, flatten, startTestNexa, upload, type TestNexa } from '../src/index';

async function xlsxOf(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Itens');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function pdfOf(lines: string[]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage();
  lines.forEach((line, index) => page.drawText(line, { x: 40, y: 800 - index * 14, size: 9, font }));
  return document.save();
}

const taskCount = async (nexa: TestNexa) => (await nexa.database.db.select().from(tables.tasks)).length;

describe('POST /api/uploads', () => {
  it('turns a CSV into a batch and reports every rejected row', async () => {
    await using nexa = await startTestNexa();
    const csv = 'Código;Descrição;Fabricante;Qtd\nLM358DR;Amplificador operacional;TI;10\nX;curto demais;;1\nBSS138;Transistor MOSFET;onsemi;dez\nLM358DR;duplicada;;1\nBC547;Transistor NPN;;5\n';
    const { status, body } = await upload(nexa, { bytes: csv, name: 'pedido.csv', type: 'text/csv' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'queued', total: 2, duplicates: 1, queued: 2, format: 'csv', layout: null });
    expect(body.rejected).toEqual([
      { row: 3, column: 'partnumber', reason: 'partnumber must have at least 3 characters' },
      { row: 4, column: 'quantity', reason: 'quantity is not a number (dez)' },
    ]);
    const events = flatten(await collect(nexa.client().watch(body.taskId)));
    expect(events.at(-1)).toMatchObject({ type: 'batch_finished', done: 2 });
  });

  it("names the batch after the file, without the folders a client sent, unless the field name gives one", async () => {
    await using nexa = await startTestNexa();
    const csv = 'Código\nLM358DR\n';
    const fromFile = await upload(nexa, { bytes: csv, name: 'C:\\Compras\\pedido 4512.csv', type: 'text/csv' });
    const named = await upload(nexa, { bytes: csv, name: 'pedido.csv', type: 'text/csv' }, { name: 'Pedido de março' });
    const client = nexa.client();
    expect((await client.task.get.query({ taskId: fromFile.body.taskId })).name).toBe('pedido 4512.csv');
    expect((await client.task.get.query({ taskId: named.body.taskId })).name).toBe('Pedido de março');

    const blank = await upload(nexa, { bytes: csv, name: 'pedido.csv', type: 'text/csv' }, { name: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: [{ path: 'name', message: 'name must not be blank' }] });
    expect(await taskCount(nexa)).toBe(2);
  });

  it('accepts an XLSX and a PDF purchase order, and reclassify as a field', async () => {
    await using nexa = await startTestNexa();
    const xlsx = await upload(nexa, { bytes: await xlsxOf([['Part Number', 'Description', 'Qty'], ['6205-2RS', 'Bearing', 4]]), name: 'po.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(xlsx).toMatchObject({ status: 201, body: { format: 'xlsx', total: 1 } });
    await collect(nexa.client().watch(xlsx.body.taskId));

    const pdf = await upload(nexa, { bytes: await pdfOf(['PEDIDO DE COMPRA 77', '1 6205-2RS Rolamento 4 PC 35,90', '2 LM7805 Regulador de tensão 10 UN']), name: 'po.pdf', type: 'application/pdf' }, { reclassify: 'true' });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ format: 'pdf', layout: 'generic', total: 2, answeredFromHistory: 0, queued: 2 });
  });

  it('refuses an XLSX that unpacks to more than XLSX_MAX_UNPACKED_BYTES before unpacking it, creating no task', async () => {
    await using nexa = await startTestNexa({ env: { XLSX_MAX_UNPACKED_BYTES: '4096' } });
    const rows = [['Part Number', 'Description'], ...Array.from({ length: 200 }, (_, index) => [`PN-${index}`, 'rolamento de esferas'])];
    const answer = await upload(nexa, { bytes: await xlsxOf(rows), name: 'po.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(answer).toMatchObject({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
    expect(answer.body.message).toMatch(/^the XLSX unpacks to \d+ bytes; the limit is 4096$/);
    expect(await taskCount(nexa)).toBe(0);
  });

  it('refuses unreadable, empty, oversized, wrong-type and missing files with a JSON error, creating no task', async () => {
    await using nexa = await startTestNexa({ env: { UPLOAD_MAX_BYTES: '2048' } });
    const cases: Array<[Parameters<typeof upload>[1], number, string]> = [
      [{ bytes: 'PK\u0003\u0004 broken', name: 'po.xlsx', type: 'application/octet-stream' }, 400, 'UNREADABLE_FILE'],
      [{ bytes: '%PDF-1.7 nothing else', name: 'po.pdf', type: 'application/pdf' }, 400, 'UNREADABLE_FILE'],
      [{ bytes: '', name: 'po.csv', type: 'text/csv' }, 400, 'EMPTY_FILE'],
      [{ bytes: 'nome;valor\nx;1\n', name: 'po.csv', type: 'text/csv' }, 400, 'NO_PARTNUMBER_COLUMN'],
      [{ bytes: `pn\n${'ABC-123\n'.repeat(400)}`, name: 'big.csv', type: 'text/csv' }, 413, 'FILE_TOO_LARGE'],
      [{ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), name: 'photo.png', type: 'image/png' }, 415, 'UNSUPPORTED_TYPE'],
      [null, 400, 'NO_FILE'],
    ];
    for (const [file, status, code] of cases) {
      const answer = await upload(nexa, file);
      expect(answer.status, `${file?.name}: ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.body.code).toBe(code);
      expect(typeof answer.body.message).toBe('string');
    }
    const notMultipart = await fetch(`${nexa.nexa.url}/api/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(nexa.token) },
      body: '{}',
    });
    expect(notMultipart.status).toBe(415);
    expect(await notMultipart.json()).toMatchObject({ code: 'UNSUPPORTED_TYPE' });
    const tooManyFields = await upload(nexa, { bytes: 'pn\nABC-123\n', name: 'po.csv', type: 'text/csv' }, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`note${i}`, 'x'])));
    expect(tooManyFields).toMatchObject({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
    expect(await taskCount(nexa)).toBe(0);
  });
});

describe('GET /api/tasks/:taskId/export', () => {
  it('exports the results as XLSX and CSV, cell by cell, with failed items as empty cells', async () => {
    const { selectiveClassifier } = await import('../src/index');
    const selective = selectiveClassifier((partnumber) => partnumber === 'BAD-1');
    await using nexa = await startTestNexa({ classifier: selective.classifier, env: { JOB_ATTEMPTS: '1' } });
    const client = nexa.client();
    const { taskId } = await client.classification.submitBatch.mutate({
      items: [{ partnumber: 'LM358DR', description: 'AMP OP', manufacturer: 'TI' }, { partnumber: 'BAD-1', description: 'sem NCM' }],
    });
    await collect(client.watch(taskId));

    const xlsx = await fetchExport(nexa, taskId, 'xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(`nexa-${taskId}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const row = (n: number) => Array.from({ length: 14 }, (_, index) => sheet.getRow(n).getCell(index + 1).value ?? null);
    expect(row(1)).toEqual(['Seq', 'Partnumber', 'Descrição ERP', 'Descrição DI', 'NCM', 'Fabricante', 'Endereço', 'País', 'Confiança', 'Status', 'Alternativas', 'Quantidade', 'Revisão', 'Motivo']);
    expect(row(2)).toEqual([1, 'LM358DR', 'AMP OP', 'Circuito integrado LM358DR', '8542.31.90', 'TI', null, 'BR', 0.8, 'done', '8542.39.90 (0.40)', null, 'ACTIVE', null]);
    expect(row(3)).toEqual([2, 'BAD-1', 'sem NCM', null, null, null, null, null, null, 'failed', null, null, null, 'no NCM for BAD-1']);

    const csv = await fetchExport(nexa, taskId, 'csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe('1;LM358DR;AMP OP;Circuito integrado LM358DR;8542.31.90;TI;;BR;0.8;done;8542.39.90 (0.40);;ACTIVE;');
    expect(lines[2]).toBe('2;BAD-1;sem NCM;;;;;;;failed;;;;no NCM for BAD-1');

    const missing = await fetchExport(nexa, '00000000-0000-4000-8000-000000000000', 'csv');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await fetchExport(nexa, 'nope', 'xlsx');
    expect(malformed.status).toBe(400);
  });

  it('exports a single task answered from history with the classification it was answered with', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    await collect(client.classify({ partnumber: 'BC547' }));
    const again = await client.classification.submit.mutate({ partnumber: 'BC547' });
    expect(again.status).toBe('done');
    expect((await client.task.items.query({ taskId: again.taskId })).items[0]!.classification?.id).toBe(again.classifications[0]!.id);
    const csv = (await (await fetchExport(nexa, again.taskId, 'csv')).text()).split('\r\n');
    const ncm = again.classifications[0]!.ncm;
    expect(csv[1]!.split(';').slice(0, 5)).toEqual(['1', 'BC547', '', again.classifications[0]!.description, `${ncm.slice(0, 4)}.${ncm.slice(4, 6)}.${ncm.slice(6)}`]);
  });

  it('gives a batch item the classification that stands now: an override of it, or of that override', async () => {
    await using nexa = await startTestNexa();
    const client = nexa.client();
    const { taskId } = await client.classification.submitBatch.mutate({ items: [{ partnumber: 'LM358DR' }, { partnumber: 'BC547' }] });
    await collect(client.watch(taskId));
    const [first, second] = (await client.task.items.query({ taskId })).items.map((item) => item.classification!);

    const overridden = await client.classification.review.mutate({ id: first!.id, action: 'override', ncm: '85423990' });
    await client.classification.review.mutate({ id: second!.id, action: 'approve' });
    expect((await client.task.items.query({ taskId })).items.map((item) => [item.classification?.id, item.classification?.status])).toEqual([
      [overridden.classification.id, 'APPROVED'],
      [second!.id, 'APPROVED'],
    ]);

    const again = await client.classification.review.mutate({ id: overridden.classification.id, action: 'override', ncm: '85423190' });
    const [item] = (await client.task.get.query({ taskId })).items;
    expect(item!.classification).toMatchObject({ id: again.classification.id, ncm: '85423190', status: 'APPROVED', engine: 'manual' });
    const csv = (await (await fetchExport(nexa, taskId, 'csv')).text()).split('\r\n');
    expect(csv[1]).toMatch(/^1;LM358DR;;[^;]*;8542\.31\.90;/);
  });
});
