import { startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';
import { registerThroughApi, signIn } from './sign-in';

const ACCESS_TOKEN_TTL_SECONDS = 4;

describe('a sliding session in the browser', () => {
  test('stays signed in past the token lifetime, keeping what is typed and the live connection', async () => {
    await using nexa = await startTestNexa({ env: { ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) } });
    await using browser = await openBrowser(nexa.nexa.url);
    const firstToken = await registerThroughApi(nexa.nexa.url);
    await signIn(browser, firstToken);
    const { page } = browser;

    await page.goto('/');
    const partnumber = page.getByRole('textbox', { name: 'Partnumber' });
    await partnumber.fill('lm358dr');
    await page.getByRole('textbox', { name: 'Descrição' }).fill('circuito integrado amplificador operacional');
    const badge = page.getByRole('status', { name: 'Conexão' });
    await expect.poll(() => badge.getAttribute('data-state')).toBe('live');

    await page.waitForTimeout(ACCESS_TOKEN_TTL_SECONDS * 2.5 * 1000);

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await partnumber.inputValue()).toBe('lm358dr');
    expect(await page.evaluate(() => window.localStorage.getItem('nexa.token'))).not.toBe(firstToken);
    expect(await badge.getAttribute('data-state')).toBe('live');

    // A mutation and a new subscription (on the socket reopened with the fresh token) both work.
    await page.getByRole('button', { name: 'Classificar' }).click();
    await page.getByTestId('result-card').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/tasks\//);
  });
});
