import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { kSessionKey } from '../src/shared/auth/session';

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
 * tokens are single use, so pages never share one); uncaught errors and
 * console errors are collected into `errors`. `signedIn: false` opens it
 * signed out.
 */
export async function openPage(browser: Browser, errors: string[] = [], signedIn = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const owner = inject('owner');
  if (owner && signedIn) {
    const response = await fetch(`${inject('baseUrl')}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(owner),
    });
    const tokens = (await response.json()) as Record<string, unknown>;
    // Only seeds the session: after the first refresh the page keeps its own newer tokens.
    await context.addInitScript(
      ([key, t]) => {
        if (!localStorage.getItem(key)) {
          localStorage.setItem(
            key,
            JSON.stringify({
              access: t.access_token,
              expiresAt: Date.now() + Number(t.expires_in) * 1000,
              refresh: t.refresh_token,
              user: t.user,
              workspace: t.workspace,
            }),
          );
        }
      },
      [kSessionKey, tokens] as const,
    );
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Answers the test provokes on purpose (409, 422) are logged by the browser too.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.setDefaultTimeout(15_000);
  return page;
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
