import { randomBytes } from 'node:crypto';
import type { TestBrowser } from './browser';

/** The key the app reads its access token from (the sign-in screen will write the same one). */
const TOKEN_STORAGE_KEY = 'nexa.token';

/** Registers a new account through the public API, as a person would, and answers its access token. */
export async function registerThroughApi(baseUrl: string): Promise<string> {
  const credentials = { email: `browser-${randomBytes(4).toString('hex')}@test.nexa.example`, password: `pw-${randomBytes(12).toString('hex')}` };
  const response = await fetch(new URL('/trpc/auth.register', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`auth.register answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { result: { data: { accessToken: string } } };
  return body.result.data.accessToken;
}

/** Signs the browser in: every page of the app finds the token where it looks for it, before it starts. */
export async function signIn(browser: TestBrowser, token: string) {
  await browser.context.addInitScript(
    ([key, value]) => {
      window.localStorage.setItem(key, value);
    },
    [TOKEN_STORAGE_KEY, token] as const,
  );
}
