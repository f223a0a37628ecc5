import type { AiClassifier } from '@nexa/client';
import { gatedClassifier, startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser, type TestBrowser } from './browser';
import { registerThroughApi, signIn } from './sign-in';

const uuidPath = /\/tasks\/[0-9a-f-]{36}$/;

/** Submits a part from the classify screen and waits until the gated classifier holds it, its task page showing step 2. */
async function classifyUntilTheGate(page: TestBrowser['page'], gated: ReturnType<typeof gatedClassifier>) {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Partnumber' }).fill('STM32F103C8T6');
  await page.getByRole('button', { name: 'Classificar' }).click();
  await gated.atGate;
  await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuetext')).toContain('step 2');
}

describe('classifying one partnumber in the browser', () => {
  test('the form submits, the task page follows it live and shows the result card', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    await expect.poll(() => page.getByRole('status', { name: 'Conexão em tempo real' }).getAttribute('data-state')).toBe('live');
    await page.getByRole('textbox', { name: 'Partnumber' }).fill('lm358dr');
    await page.getByRole('textbox', { name: 'Descrição' }).fill('circuito integrado amplificador operacional');
    await page.getByRole('textbox', { name: 'Fabricante' }).fill('Texas Instruments');
    await browser.screenshot('classify-form');
    await page.getByRole('button', { name: 'Classificar' }).click();

    const card = page.getByTestId('result-card');
    await card.waitFor();
    expect(page.url()).toMatch(uuidPath);
    // Keyboard and screen-reader users land on the new screen's heading, not on the page's body.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('task-title');
    await expect.poll(() => card.getByLabel('NCM').textContent()).toBe('8542.31.90');
    expect(await card.getByRole('navigation', { name: 'Hierarquia' }).textContent()).toContain('Capítulo 85');
    expect(await card.textContent()).toContain('Texas Instruments');
    expect(await card.textContent()).toContain('LM358DR');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await browser.screenshot('classify-result');

    for (const [name, viewport] of [['tablet', { width: 820, height: 1180 }], ['phone', { width: 390, height: 844 }]] as const) {
      await page.setViewportSize(viewport);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
      await browser.screenshot(`classify-result-${name}`);
    }
  });

  test('reloading while the task runs resumes the live progress and then shows the result', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await classifyUntilTheGate(page, gated);
    const progress = page.getByRole('progressbar');
    await browser.screenshot('task-running');

    const taskUrl = page.url();
    await page.reload();
    expect(page.url()).toBe(taskUrl);
    await expect.poll(() => progress.getAttribute('aria-valuetext')).toContain('step 2');
    expect(Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await browser.screenshot('task-after-reload');

    gated.open();
    await page.getByTestId('result-card').waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
  });

  test('bad input shows the server’s typed reason and stays on the form', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    await page.getByRole('textbox', { name: 'Partnumber' }).fill('AB');
    await page.getByRole('button', { name: 'Classificar' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // The server's reason, said in the interface's language.
    expect(await alert.textContent()).toBe('Dados inválidos: o campo partnumber precisa ter pelo menos 3 caracteres');
    expect(new URL(page.url()).pathname).toBe('/');
    await browser.screenshot('classify-bad-input');

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    expect(await alert.textContent()).toBe('Invalid input: the partnumber field needs at least 3 characters');
  });

  test('a classification that failed says why in the interface’s language', async () => {
    const classifier: AiClassifier = {
      name: 'finds-nothing',
      async classify(part) {
        throw new Error(`no NCM code matches partnumber ${part.partnumber}${part.description ? '' : ' (add a description)'}`);
      },
    };
    await using nexa = await startTestNexa({ classifier, env: { JOB_ATTEMPTS: '1' } });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    await page.getByRole('textbox', { name: 'Partnumber' }).fill('XYZ-123');
    await page.getByRole('button', { name: 'Classificar' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'A classificação falhou' });
    await failure.waitFor();
    expect(await failure.textContent()).toBe('A classificação falhou: nenhuma NCM corresponde ao partnumber XYZ-123 (acrescente uma descrição)');

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Classification failed' }).textContent()).toBe(
      'Classification failed: no NCM code matches partnumber XYZ-123 (add a description)',
    );
  });

  test('the interface switches to English and remembers it', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('heading', { name: 'Classify a partnumber' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Classify a partnumber' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await browser.screenshot('classify-form-en');
  });

  test('an unknown task and an unknown path answer inside the app', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/tasks/00000000-0000-4000-8000-000000000000');
    await page.getByText('Tarefa não encontrada.').waitFor();
    await page.goto('/some/screen/that/does/not/exist');
    await page.getByRole('heading', { name: 'Página não encontrada' }).waitFor();
    await page.getByRole('link', { name: 'Classificar um partnumber' }).click();
    await page.getByRole('heading', { name: 'Classificar um partnumber' }).waitFor();

    // API paths and missing files are never answered with the app.
    for (const apiPath of ['/api/nothing', '/trpc/nothing.here', '/healthz/extra', '/assets/gone.js']) {
      const answer = await fetch(new URL(apiPath, nexa.nexa.url));
      expect(answer.status, apiPath).toBe(404);
      expect(answer.headers.get('content-type'), apiPath).not.toContain('text/html');
    }
    const index = await fetch(new URL('/', nexa.nexa.url));
    expect(index.headers.get('cache-control')).toBe('no-cache');
    // The page may load its own scripts and reach its own API, and nothing else (the API itself answers default-src 'none').
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  test('the connection state shows reconnecting when the server goes away', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await page.goto('/');
    const badge = page.getByRole('status', { name: 'Conexão em tempo real' });
    await expect.poll(() => badge.getAttribute('data-state')).toBe('live');
    await nexa.nexa.server.close();
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');
    expect(await badge.textContent()).toContain('Reconectando');
    await browser.screenshot('connection-reconnecting');
  });

  test('a task page whose server went away says it is reconnecting, not that something went wrong', async () => {
    const gated = gatedClassifier();
    await using nexa = await startTestNexa({ classifier: gated.classifier });
    await using browser = await openBrowser(nexa.nexa.url);
    await signIn(browser, await registerThroughApi(nexa.nexa.url));
    const { page } = browser;

    await classifyUntilTheGate(page, gated);

    await nexa.nexa.server.close();
    const badge = page.getByRole('status', { name: 'Conexão em tempo real' });
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 15_000 }).toBe('reconnecting');
    await page.waitForTimeout(1500);
    expect(await page.getByRole('alert').count()).toBe(0);
    gated.open();
  });
});
