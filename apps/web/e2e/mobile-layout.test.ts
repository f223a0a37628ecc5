import { startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser, type TestBrowser } from './browser';
import { registerThroughApi, signIn } from './sign-in';

const PHONE = { width: 375, height: 740 };

const pageWidth = (page: TestBrowser['page']) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the app on a 375 px wide phone', () => {
  test('the batch, task and history screens fit the width; tables scroll in their own box and the review card stays in view', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url, PHONE);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/batch');
    await page.getByLabel('Arquivo').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const header = await page.locator('header.topbar').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(180);
    await browser.screenshot('mobile-batch');

    await page
      .getByLabel('Arquivo')
      .setInputFiles({ name: 'pedido.csv', mimeType: 'text/csv', buffer: Buffer.from('partnumber;descricao;quantidade\r\nLM358DR;amplificador operacional;10\r\nBAD-QTY;quantidade errada;abc\r\n') });
    await page.getByRole('button', { name: 'Enviar arquivo' }).click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    const row = page.getByTestId('batch-item').filter({ hasText: 'LM358DR' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('done');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await row.getByRole('button', { name: 'Revisar' }).click();
    const card = page.getByTestId('result-card');
    await card.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('mobile-task-review');

    await page.goto('/tasks');
    await page.getByRole('table').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('mobile-history');
  });
});
