import { startTestNexa } from '@nexa/tests';
import { describe, expect, test } from 'vitest';
import { openBrowser } from './browser';

describe('the REST API docs page', () => {
  test('renders every operation of /api/openapi.json under its own Content-Security-Policy', async () => {
    await using nexa = await startTestNexa();
    await using browser = await openBrowser(nexa.nexa.url);
    const { page } = browser;
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    page.on('pageerror', (error) => refused.push(error.message));

    const document = (await (await fetch(`${nexa.nexa.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { summary: string }>> };
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

    await page.goto('/api/docs');
    await expect.poll(() => page.locator('details').count()).toBe(operations.length);
    await page.getByText(operations[0]!.summary).first().waitFor();
    expect(await page.locator('#intro').textContent()).toContain('OpenAPI document');
    expect(await page.locator('body').evaluate((body) => getComputedStyle(body).maxWidth)).toBe('980px');
    expect(refused).toEqual([]);
    await browser.screenshot('api-docs');
  });
});
