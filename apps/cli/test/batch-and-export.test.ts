import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gatedClassifier, startTestNexa } from '@nexa/tests';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNexa, spawnNexa } from './run-nexa';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nexa-cli-batch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const orderCsv = ['Código;Descrição;Fabricante;Qtd', 'LM358DR;amplificador operacional;TI;10', 'NE555P;timer;TI;5', 'X;too short;;1', 'BC547B;transistor NPN;onsemi;100', ''].join('\n');

describe('nexa batch', () => {
  it('classifies a CSV end to end, reports skipped rows, and writes the results as CSV and JSON', async () => {
    await using nexa = await startTestNexa();
    const input = path.join(dir, 'order.csv');
    await writeFile(input, orderCsv);

    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'batch', input, '--out', path.join(dir, 'results.csv')]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { taskId: string; status: string; total: number; done: number; failed: number; rejectedRows: number; out: string };
    expect(summary).toMatchObject({ status: 'done', total: 3, done: 3, failed: 0, rejectedRows: 1, out: path.join(dir, 'results.csv') });
    expect(run.stderr).toMatch(/batch [0-9a-f-]{36}: 3 parts from CSV/);
    expect(run.stderr).toMatch(/row 4 skipped \(partnumber\)/);
    expect(run.stderr).toMatch(/\] 3\/3 100%/);

    const results = await readFile(path.join(dir, 'results.csv'), 'utf8');
    const lines = results.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('NCM');
    expect(lines[1]).toMatch(/LM358DR.*\d{4}\.\d{2}\.\d{2}/);

    const asJson = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'batch', input, '--name', 'Pedido 4512', '--out', path.join(dir, 'results.json')]);
    expect(asJson.code).toBe(0);
    expect(asJson.stderr).toContain('3 known already');
    // The history names each batch: by --name, else after its file.
    const tasks = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'tasks']);
    expect(tasks.stdout).toContain('Pedido 4512: 3 items (LM358DR, …)');
    expect(tasks.stdout).toContain('order.csv: 3 items (LM358DR, …)');
    const items = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as { partnumber: string; status: string; classification: { ncm: string } | null }[];
    expect(items.map((item) => [item.partnumber, item.status])).toEqual([
      ['LM358DR', 'done'],
      ['NE555P', 'done'],
      ['BC547B', 'done'],
    ]);
    expect(items[0]!.classification!.ncm).toMatch(/^\d{8}$/);

    const exported = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'export', summary.taskId, '--format', 'csv']);
    expect(exported.code).toBe(0);
    expect(exported.stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toHaveLength(4);
    const xlsx = path.join(dir, 'results.xlsx');
    expect((await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'export', summary.taskId, '--out', xlsx])).code).toBe(0);
    expect((await readFile(xlsx)).subarray(0, 2).toString()).toBe('PK');
  });

  it('exits 2 with the server reason for a file without a partnumber column, and for bad arguments', async () => {
    await using nexa = await startTestNexa();
    const input = path.join(dir, 'prices.csv');
    await writeFile(input, 'name;price\nthing;1\n');
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'batch', input]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('NO_PARTNUMBER_COLUMN');
    expect((await runNexa(['batch', path.join(dir, 'parts.txt')])).code).toBe(2);
    expect((await runNexa(['batch', input, '--out', 'results.pdf'])).code).toBe(2);
    expect((await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'batch', path.join(dir, 'missing.csv')])).stderr).toContain('cannot read');
    expect((await runNexa(['export', '00000000-0000-4000-8000-000000000000', '--format', 'ods'])).code).toBe(2);
  });

  it('exits 5 exporting a task that does not exist', async () => {
    await using nexa = await startTestNexa();
    const run = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'export', '00000000-0000-4000-8000-000000000000', '--format', 'csv']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('HTTP 404');
  });
});

describe('nexa cancel', () => {
  it('stops a running batch; the batch command then ends with exit 1 and the counts', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier, env: { WORKER_CONCURRENCY: '1' } });
    const input = path.join(dir, 'order.csv');
    await writeFile(input, orderCsv);
    const batch = spawnNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'batch', input]);
    const [, taskId] = await batch.waitForOutput(/batch ([0-9a-f-]{36})/);
    await gated.atGate;

    const cancel = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, '--json', 'cancel', taskId!]);
    expect(cancel.code).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ taskId, cancelled: true, status: 'cancelled' });
    const run = await batch.exited;
    gated.open();
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ taskId, status: 'cancelled', total: 3, cancelled: 2 });

    const again = await runNexa(['--url', nexa.nexa.url, '--token', nexa.token, 'cancel', taskId!]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('had already ended (cancelled)');
  });
});
