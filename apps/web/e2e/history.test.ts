import { blockingClassifier, startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';
import { signIn } from './sign-in';

describe('task history in the browser', () => {
  test('lists the user’s tasks newest first, filters by status and loads more pages', async () => {
    // Nothing finishes while the test sets up, so the batch is cancelled while it waits.
    const blocking = blockingClassifier();
    await using nexa = await startTestNexa({ classifier: blocking.classifier });
    const client = nexa.client();
    const submitted: string[] = [];
    for (let index = 0; index < 22; index += 1) {
      const { taskId } = await client.classification.submit.mutate({ partnumber: `HIST-${String(index).padStart(2, '0')}` });
      submitted.push(taskId);
    }
    const cancelled = await client.classification.submitBatch.mutate({ name: 'Pedido 4512', items: [{ partnumber: 'HIST-BATCH' }, { partnumber: 'HIST-BATCH-2' }, { partnumber: 'HIST-BATCH-3' }] });
    await client.task.cancel.mutate({ taskId: cancelled.taskId });

    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, nexa.token);
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('link', { name: 'Histórico' }).click();
    await page.getByRole('heading', { name: 'Histórico de tarefas' }).waitFor();

    const rows = page.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBe(20);
    // A batch says how many items it holds, not only its first partnumber.
    expect(await rows.first().textContent()).toContain('Pedido 4512 — 3 itens (HIST-BATCH, …)');
    expect(await rows.nth(1).textContent()).toContain('HIST-21');
    await page.getByRole('button', { name: 'Carregar mais' }).click();
    await expect.poll(() => rows.count()).toBe(23);
    expect(await page.getByRole('button', { name: 'Carregar mais' }).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await browser.screenshot('history');

    await page.getByRole('combobox', { name: 'Situação' }).selectOption('cancelled');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-status')).toBe('cancelled');
    expect(new URL(page.url()).search).toBe('?status=cancelled');

    blocking.open();
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Lote: Pedido 4512' }).waitFor();
  });
});
