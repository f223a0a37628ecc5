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
      if (part.partnumber.startsWith('FAIL')) throw new Error(`no NCM code matches partnumber ${part.partnumber} (add a description)`);
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

    // An uploaded batch is named after its file.
    await page.getByRole('heading', { name: 'Lote: pedido.csv' }).waitFor();
    expect(page.url()).toMatch(/\/tasks\/[0-9a-f-]{36}$/);
    const rejected = page.getByTestId('rejected-rows');
    // The refused row in Portuguese: the field's name and the reason, not the server's English.
    const refusedRow = rejected.getByRole('row').filter({ hasText: 'abc' });
    expect(await refusedRow.getByRole('cell').allTextContents()).toEqual(['4', 'quantidade', 'o campo quantidade não é um número (abc)']);

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
    // The first click only asks; going back leaves the batch running, with the focus where it was.
    await page.getByRole('button', { name: 'Cancelar lote' }).click();
    const question = page.getByRole('group', { name: 'Cancelar o lote? Os itens ainda na fila não serão classificados.' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmar cancelamento');
    await question.getByRole('button', { name: 'Voltar' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancelar lote');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuetext')).toContain('Processando');
    await page.getByRole('button', { name: 'Cancelar lote' }).click();
    await page.getByRole('button', { name: 'Confirmar cancelamento' }).click();
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
    // The server's reason, in the interface's language.
    await expect.poll(() => failed.textContent()).toContain('nenhuma NCM corresponde ao partnumber FAIL-1 (acrescente uma descrição)');
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

  test('the item table asks the server for only the failed items or those to review, and shows review state and low confidence', async () => {
    const classifier: AiClassifier = {
      name: 'doubtful',
      async classify(part) {
        if (part.partnumber.startsWith('FAIL')) throw new Error(`no NCM code matches partnumber ${part.partnumber} (add a description)`);
        return { ...sampleOutcome(part), confidence: part.partnumber.startsWith('LOW') ? 0.42 : 0.8 };
      },
    };
    await using nexa = await startTestNexa({ classifier, env: { JOB_ATTEMPTS: '1' } });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    // Past the first page of 50 rows: only the server can find them without loading every page.
    const fine = Array.from({ length: 55 }, (_, index) => `OK-${String(index + 1).padStart(3, '0')}`);
    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['partnumber', ...fine, 'OK-001', 'FAIL-1', 'LOW-1']));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 20_000 }).toBe('100');
    expect(await page.getByTestId('count-duplicates').textContent()).toBe('1');
    const rows = page.getByTestId('batch-item');
    await expect.poll(() => rows.count()).toBe(50);

    const filters = page.getByRole('group', { name: 'Mostrar' });
    expect(await filters.getByRole('radio', { name: 'Todos (57)' }).isChecked()).toBe(true);
    await filters.getByRole('radio', { name: 'Com falha (1)' }).check();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('FAIL-1');
    expect(await rows.getAttribute('data-status')).toBe('failed');

    await filters.getByRole('radio', { name: 'Revisar' }).check();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('LOW-1')]);
    expect(await rows.getByTestId('review-state').textContent()).toBe('Ativa');
    expect(await rows.getByTestId('low-confidence').textContent()).toBe('baixa');
    await browser.screenshot('batch-needs-review');

    await rows.getByRole('button', { name: 'Revisar' }).click();
    await page.getByTestId('result-card').getByRole('button', { name: 'Aprovar' }).click();
    await expect.poll(() => rows.getByTestId('review-state').textContent()).toBe('Aprovada');
    // Once approved it needs no review: the server no longer lists it.
    await page.reload();
    await page.getByRole('group', { name: 'Mostrar' }).getByRole('radio', { name: 'Revisar' }).check();
    await page.getByText('Nenhum item para revisar.').waitFor();
    expect(await rows.count()).toBe(0);
    await page.getByRole('radio', { name: 'Todos (57)' }).check();
    await expect.poll(() => rows.count()).toBe(50);
    expect(await rows.first().getByTestId('review-state').textContent()).toBe('Ativa');
    expect(await rows.first().getByTestId('low-confidence').count()).toBe(0);

    // A partnumber this account classified before is answered from its history; the upload says how many.
    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['partnumber', 'OK-001', 'NEW-1']));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await expect.poll(() => page.getByTestId('count-from-history').textContent()).toBe('1');
    expect(await page.getByTestId('count-duplicates').count()).toBe(0);
  });

  test('a finished batch, reloaded, never shows fewer items done than the task had while its events replay', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    // Enough items that the replay travels in several messages (at most 1000 events each, 100 ms apart).
    const items = Array.from({ length: 1500 }, (_, index) => `REPLAY-${index + 1}`);
    await page.goto('/batch');
    await page.getByLabel('Arquivo').setInputFiles(csv(['partnumber', ...items]));
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await expect.poll(() => page.getByTestId('count-done').textContent(), { timeout: 60_000 }).toBe('1500');

    // Every value the done count takes after the reload, from the first one painted.
    await browser.context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { doneCounts: string[] }).doneCounts = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="count-done"]')?.textContent;
        if (text != null && seen.at(-1) !== text) seen.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('count-done').textContent()).toBe('1500');
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { doneCounts: string[] }).doneCounts)).toEqual(['1500']);
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
