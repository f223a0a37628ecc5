import type { AiClassifier } from '@nexa/client';
import { sampleOutcome, startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';
import { registerThroughApi, signIn } from './sign-in';

/** Parts whose partnumber starts with HOLD wait until the test opens the gate; the others answer at once. */
function holdingClassifier() {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const classifier: AiClassifier = {
    name: 'holding',
    async classify(part) {
      if (part.partnumber.startsWith('HOLD')) await gate;
      if (part.partnumber.startsWith('FAIL')) throw new Error(`no NCM code matches ${part.partnumber}`);
      return sampleOutcome(part);
    },
  };
  return { classifier, open: () => open() };
}

const csv = (lines: string[]) => ({ name: 'pedido.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });

describe('classifying a batch in the browser', () => {
  test('an uploaded CSV shows its refused rows, fills its item table live, resumes after a reload and exports', async () => {
    const holding = holdingClassifier();
    await using nexa = await startTestNexa({ classifier: holding.classifier });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(
      csv(['partnumber;descricao;quantidade', 'LM358DR;amplificador operacional;10', 'NE555P;temporizador;5', 'BAD-QTY;quantidade errada;abc', 'HOLD-1;circuito lento;1', 'HOLD-2;outro lento;2']),
    );
    await browser.screenshot('batch-upload');
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();

    await page.getByRole('heading', { name: 'Lote: pedido.csv' }).waitFor();
    expect(page.url()).toMatch(/\/tasks\/[0-9a-f-]{36}$/);
    const rejected = page.getByTestId('rejected-rows');
    expect(await rejected.textContent()).toContain('quantity');
    expect(await rejected.textContent()).toContain('4');

    const rows = page.getByTestId('batch-item');
    await expect.poll(() => rows.count()).toBe(4);
    await expect.poll(() => page.getByTestId('count-done').textContent()).toBe('2');
    await expect.poll(() => rows.filter({ hasText: 'LM358DR' }).getAttribute('data-status')).toBe('done');
    expect(await rows.filter({ hasText: 'LM358DR' }).textContent()).toContain('8542.31.90');
    expect(await rows.filter({ hasText: 'HOLD-1' }).getAttribute('data-status')).not.toBe('done');
    await browser.screenshot('batch-running');

    // A reload mid-batch reloads the items and follows the replayed events.
    await page.reload();
    await expect.poll(() => page.getByTestId('count-done').textContent()).toBe('2');
    await expect.poll(() => rows.filter({ hasText: 'NE555P' }).getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('count-total').textContent()).toBe('4');
    await browser.screenshot('batch-after-reload');

    holding.open();
    await expect.poll(() => page.getByTestId('count-done').textContent()).toBe('4');
    await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await expect.poll(() => rows.filter({ hasText: 'HOLD-2' }).getAttribute('data-status')).toBe('done');
    expect(await page.getByRole('button', { name: 'Cancelar lote' }).count()).toBe(0);
    await browser.screenshot('batch-done');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Baixar CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path, 'utf8');
    expect(text).toContain('LM358DR');
    expect(text).toContain('8542.31.90');
  });

  test('cancelling a running batch stops it', async () => {
    const holding = holdingClassifier();
    // One item at a time: the first is processing when the batch is cancelled, the other two are still queued.
    await using nexa = await startTestNexa({ classifier: holding.classifier, env: { WORKER_CONCURRENCY: '1' } });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['partnumber', 'HOLD-A', 'HOLD-B', 'HOLD-C']));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await page.getByRole('button', { name: 'Cancelar lote' }).click();
    await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuetext')).toContain('Cancelada');
    await expect.poll(() => page.getByTestId('count-cancelled').textContent()).toBe('2');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toContain('2 cancelados');
    await browser.screenshot('batch-cancelled');
    holding.open();
  });

  test('a failed item shows its reason in its row, and a classified one is reviewed from its row', async () => {
    await using nexa = await startTestNexa({ classifier: holdingClassifier().classifier, env: { JOB_ATTEMPTS: '1' } });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['partnumber', 'FAIL-1', 'LM358DR']));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    const failed = page.getByTestId('batch-item').and(page.locator('[data-status="failed"]'));
    await expect.poll(() => failed.textContent()).toContain('no NCM code matches FAIL-1');
    expect(await failed.getByRole('button', { name: 'Revisar' }).count()).toBe(0);

    // A classified item is reviewed from its row.
    const done = page.getByTestId('batch-item').filter({ hasText: 'LM358DR' });
    await done.getByRole('button', { name: 'Revisar' }).click();
    const card = page.getByTestId('result-card');
    await card.getByRole('button', { name: 'Aprovar' }).click();
    await expect.poll(() => card.getByTestId('classification-status').textContent()).toBe('Aprovada');
    await done.getByRole('button', { name: 'Fechar revisão' }).click();
    expect(await page.getByTestId('result-card').count()).toBe(0);
    // Opened again, and after a reload, it shows the review, not the classification as first stored.
    await done.getByRole('button', { name: 'Revisar' }).click();
    expect(await page.getByTestId('classification-status').textContent()).toBe('Aprovada');
    await page.reload();
    // Time for the replayed events, which carry the classification as first stored, to arrive.
    await page.waitForTimeout(1000);
    await done.getByRole('button', { name: 'Revisar' }).click();
    expect(await page.getByTestId('classification-status').textContent()).toBe('Aprovada');
  });

  test('a file without a partnumber column is refused with the reason', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['nome;cor', 'caneta;azul']));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Arquivo recusado: nenhuma linha de cabeçalho com uma coluna de partnumber (por exemplo "Código", "Part Number" ou "PN").',
    );
    expect(new URL(page.url()).pathname).toBe('/batch');

    // An empty file is said to be empty, not missing.
    await page.getByLabel('Arquivo').setInputFiles({ name: 'vazio.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Arquivo recusado: o arquivo está vazio.');
  });
});
