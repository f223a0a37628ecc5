import { randomBytes } from 'node:crypto';
import { startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';
import { signIn } from './sign-in';

describe('signing in through the screen', () => {
  test('a signed-out visitor is sent to /login, registers, classifies, and signs out again', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    const { page } = browser;

    await page.goto('/batch');
    await page.getByRole('heading', { name: 'Entrar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await browser.screenshot('login');

    await page.getByRole('button', { name: 'Não tem conta? Criar uma' }).click();
    const email = `screen-${randomBytes(4).toString('hex')}@test.nexa.example`;
    await page.getByRole('textbox', { name: 'Nome' }).fill('Maria Importadora');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByLabel('Senha').fill('uma-senha-bem-longa');
    await browser.screenshot('register');
    await page.getByRole('button', { name: 'Criar conta' }).click();

    // Back where the visitor wanted to go, signed in, with a live connection carrying the new token.
    await page.getByRole('heading', { name: 'Classificar um lote' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('nexa.token'))).toBeTruthy();
    await page.getByText(email).waitFor();
    await page.getByRole('link', { name: 'Classificar', exact: true }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Conexão em tempo real' }).getAttribute('data-state')).toBe('live');
    await page.getByRole('textbox', { name: 'Partnumber' }).fill('lm358dr');
    await page.getByRole('textbox', { name: 'Descrição' }).fill('circuito integrado amplificador operacional');
    await page.getByRole('button', { name: 'Classificar' }).click();
    const card = page.getByTestId('result-card');
    await card.waitFor();
    await expect.poll(() => card.getByLabel('NCM').textContent()).toBe('8542.31.90');
    await browser.screenshot('signed-in-result');

    await page.getByRole('button', { name: 'Sair' }).click();
    await page.getByRole('heading', { name: 'Entrar' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('nexa.token'))).toBeNull();

    // Signing in again with the same account works, and a wrong password says why.
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByLabel('Senha').fill('not-the-password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('E-mail ou senha incorretos.');
    // A sign-out the user chose says nothing about an ended session.
    expect(await page.getByText('Sua sessão terminou').count()).toBe(0);
    await page.getByLabel('Senha').fill('uma-senha-bem-longa');
    await page.getByRole('button', { name: 'Entrar' }).click();
    // Back on the page where the user signed out.
    await page.getByTestId('result-card').waitFor();
    expect(page.url()).toMatch(/\/tasks\/[0-9a-f-]{36}$/);
  });

  test('an expired or invalid token returns to /login', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, 'not-a-valid-token');
    const { page } = browser;

    await page.goto('/');
    await page.getByRole('heading', { name: 'Entrar' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => localStorage.getItem('nexa.token'))).toBeNull();
    // Says why, instead of an unexplained sign-in screen.
    expect(await page.getByRole('status').filter({ hasText: 'Sua sessão terminou' }).textContent()).toBe('Sua sessão terminou. Entre de novo para continuar.');
  });
});
