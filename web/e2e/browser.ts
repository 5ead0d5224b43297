import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Cookie, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { kCookieModeHeaders } from '../src/shared/auth/session';
import { watchContext } from './fixtures';

/** Flags for Debian's chromium in a container (no sandbox, no GPU, no phoning home). */
export const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: kChromiumArgs });
}

/**
 * A page at 1440×900, signed in as the owner with a login of its own (refresh
 * tokens are single use, so pages never share one): the login's refresh
 * cookie is put in the page's cookie jar, and the editor trades it for an
 * access token as on any reload. Uncaught errors and console errors fail
 * the test (e2e/fixtures.ts) and are also collected into `errors`.
 * `signedIn: false` opens it signed out.
 */
export async function openPage(browser: Browser, errors: string[] = [], signedIn = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const owner = inject('owner');
  if (owner && signedIn) {
    await context.addCookies([await refreshCookie(inject('baseUrl'), owner)]);
  }
  watchContext(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Answers the test provokes on purpose (409, 422) are logged by the browser too.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.setDefaultTimeout(15_000);
  return page;
}

/** The refresh cookie of a new login of `account`, for a browser context's cookie jar. */
export async function refreshCookie(base: string, account: { email: string; password: string }): Promise<Cookie> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...kCookieModeHeaders },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const set = response.headers.getSetCookie().find((c) => c.startsWith('weft_refresh='));
  if (!set) throw new Error('login: no weft_refresh cookie');
  const value = set.slice('weft_refresh='.length, set.indexOf(';'));
  return { name: 'weft_refresh', value, domain: new URL(base).hostname, path: '/api/auth', httpOnly: true, sameSite: 'Strict', secure: false, expires: -1 };
}

/** The access token a signed-in page holds in memory, read the only way left: a refresh with its cookie. */
export async function pageToken(page: Page): Promise<string> {
  return page.evaluate(
    (headers) =>
      // Under the editor's own lock: the cookie is good once.
      navigator.locks.request('weft-session-refresh', async () => {
        const response = await fetch('/api/auth/refresh', { method: 'POST', headers });
        if (!response.ok) throw new Error(`refresh: ${response.status}`);
        return String(((await response.json()) as { access_token: unknown }).access_token);
      }),
    kCookieModeHeaders,
  );
}

/** Signs a signed-out page in through the sign-in form and waits for the pipelines list. */
export async function signIn(page: Page, url: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Pipelines' }).waitFor();
}

/** Saves a screenshot under e2e/artifacts/. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** Drags a palette block onto the canvas at a point relative to the canvas' top-left corner. */
export async function dropBlock(page: Page, type: string, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId('canvas');
  await page.locator(`[data-node-type="${type}"]`).dragTo(canvas, { targetPosition: { x, y } });
}

/** Drags from a node's source handle (named or the default one) to another node's input handle. */
export async function connect(page: Page, source: string, target: string, handle?: string): Promise<void> {
  const from = handle
    ? page.locator(`[data-testid="node-${source}"] .react-flow__handle.source[data-handleid="${handle}"]`)
    : page.locator(`[data-testid="node-${source}"] .react-flow__handle.source`).first();
  const to = page.locator(`[data-testid="node-${target}"] .react-flow__handle.target`);
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error(`handles of ${source} → ${target} not found`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

export async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}
