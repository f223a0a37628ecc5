import { startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';
import { registerThroughApi, signIn } from './sign-in';

describe('reviewing a classification in the browser', () => {
  test('approve, then override with an NCM found by typing, and the card shows the new state', async () => {
    await using nexa = await startTestNexa({ importNcmTable: true });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    await page.getByRole('textbox', { name: 'Partnumber' }).fill('lm358dr');
    await page.getByRole('textbox', { name: 'Descrição' }).fill('circuito integrado amplificador operacional');
    await page.getByRole('button', { name: 'Classificar' }).click();
    const card = page.getByTestId('result-card');
    await card.waitFor();
    const status = card.getByTestId('classification-status');
    await expect.poll(() => status.textContent()).toBe('Ativa');
    // The NCM path shows the table's descriptions (from ncm.get).
    const hierarchy = card.getByRole('navigation', { name: 'Hierarquia' });
    await expect.poll(() => hierarchy.textContent()).toMatch(/Capítulo 85 .*m[áa]quinas/i);

    await card.getByRole('button', { name: 'Aprovar' }).click();
    await expect.poll(() => status.textContent()).toBe('Aprovada');
    // The button that had focus is gone: focus is on the new status.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('classification-status');
    expect(await card.getByRole('button', { name: 'Aprovar' }).count()).toBe(0);

    await card.getByRole('button', { name: 'Corrigir NCM' }).click();
    // A plain search box (no combobox role for what is a group of radio buttons); ArrowDown goes to the options.
    const searchBox = card.getByRole('searchbox', { name: 'Buscar NCM' });
    await searchBox.pressSequentially('8542.39', { delay: 30 });
    const option = card.getByRole('radio').first();
    await option.waitFor();
    const chosen = await option.getAttribute('value');
    expect(chosen).toMatch(/^854239\d{2}$/);
    // Each option says what the levels above it are, so codes that read only "Outros" are told apart.
    expect(await card.locator('.ncm-option-parent').first().textContent()).toMatch(/^[^›]+ › [^›]+$/);
    await searchBox.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(chosen);
    await page.keyboard.press('Space');
    expect(await option.isChecked()).toBe(true);
    await browser.screenshot('review-override');
    await card.getByRole('button', { name: 'Substituir pela NCM escolhida' }).click();

    const chosenDotted = `${chosen!.slice(0, 4)}.${chosen!.slice(4, 6)}.${chosen!.slice(6)}`;
    await expect.poll(() => card.getByLabel('NCM').first().textContent()).toBe(chosenDotted);
    expect(await status.textContent()).toBe('Aprovada');
    // The path shows the levels the table has: the first-level subheading 8542.3, and no empty level.
    await expect.poll(() => hierarchy.textContent()).toMatch(/Subposição 8542\.3 .*Circuitos integrados eletrônicos/);
    const levelsWithoutDescription = await hierarchy.locator('li').evaluateAll((items) => items.filter((item) => !item.querySelector('.hierarchy-description')).length);
    expect(levelsWithoutDescription).toBe(0);
    expect(await card.textContent()).toContain('manual');
    await browser.screenshot('review-done');

    // After a reload the card shows the classification as it now is, not the one the worker first stored.
    await page.reload();
    await expect.poll(() => page.getByTestId('result-card').getByLabel('NCM').first().textContent()).toBe(chosenDotted);
    expect(await page.getByTestId('classification-status').textContent()).toBe('Aprovada');
    expect(await page.getByRole('button', { name: 'Aprovar' }).count()).toBe(0);
  });
});
