import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, shot } from './browser';
import { allowPageErrors } from './fixtures';

allowPageErrors(/401 \(Unauthorized\) \[[^\]]*\/api\/auth\/refresh\]/, 'pages opened signed out: the editor asks for a session and hears there is none');
allowPageErrors(/401 \(Unauthorized\) \[[^\]]*\/api\/auth\/login\]/, 'a wrong password on purpose');

const base = inject('baseUrl');
const owner = inject('owner');

/** Everything a script of the page can read: both storages and the cookies it sees. */
function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) => Object.keys(s).map((k) => `${k}=${s.getItem(k) ?? ''}`);
    return [...dump(localStorage), ...dump(sessionStorage), `cookie=${document.cookie}`].join('\n');
  });
}

describe.skipIf(!owner)('signing in', () => {
  let browser: Browser;
  let page: Page;
  /** Every token the server handed this browser: access tokens from the answers, refresh tokens from Set-Cookie. */
  const tokens: string[] = [];

  const collect = async (response: Response) => {
    if (!/\/api\/auth\/(login|refresh)$/.test(response.url()) || !response.ok()) return;
    const cookie = (await response.headerValue('set-cookie')) ?? '';
    const refresh = /weft_refresh=([^;]+)/.exec(cookie)?.[1];
    if (refresh) tokens.push(refresh);
    const body = (await response.json()) as { access_token?: string; refresh_token?: string };
    if (body.access_token) tokens.push(body.access_token);
    expect(body.refresh_token).toBeUndefined(); // cookie mode: never in the answer
  };

  beforeAll(async () => {
    browser = await launch();
    page = await openPage(browser, [], false);
    page.on('response', (r) => void collect(r));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for the account, refuses a wrong password and lets the owner in', async () => {
    await page.goto(`${base}/executions`);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.waitFor();
    await form.getByLabel('Email').fill(owner?.email ?? '');
    await form.getByLabel('Password').fill('not the password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await form.getByRole('alert').waitFor();
    await shot(page, '23-sign-in');
    await form.getByLabel('Password').fill(owner?.password ?? '');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
  });

  it('keeps no token where a script could read it, after sign-in and after a reload', async () => {
    await expect.poll(() => tokens.length).toBeGreaterThanOrEqual(2);
    const check = async () => {
      const text = await readable(page);
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text.split('\n').at(-1)).toBe('cookie='); // the HttpOnly cookie is not in document.cookie
    };
    await check();
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'weft_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    const before = tokens.length;
    await page.reload();
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    await expect.poll(() => tokens.length).toBeGreaterThan(before); // the reload traded the cookie
    await check();
  });

  it('opens a deep link that starts with /api as the editor’s page, not the API', async () => {
    await page.goto(`${base}/api-keys`);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain('unauthenticated');
  });

  it('signs a second tab in from the cookie, and out with the first', async () => {
    const second = await page.context().newPage();
    await second.goto(`${base}/executions`);
    await second.getByRole('heading', { name: 'Executions' }).waitFor();
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await second.getByRole('form', { name: 'Sign in' }).waitFor();
    expect((await page.context().cookies()).filter((c) => c.name === 'weft_refresh')).toEqual([]);
    await page.reload();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
  });
});
