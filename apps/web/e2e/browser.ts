import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot as `test-results/<name>.png`. */
  screenshot(name: string): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Debian's headless Chromium on a new, empty profile. */
export async function openBrowser(baseURL: string, viewport = { width: 1280, height: 800 }): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'nexa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    baseURL,
    viewport,
    locale: 'pt-BR',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  return {
    context,
    page,
    async screenshot(name) {
      // From the top, so the sticky header is where it belongs in the full-page picture.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
    },
    async [Symbol.asyncDispose]() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
