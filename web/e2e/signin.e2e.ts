import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const owner = inject('owner');

describe.skipIf(!owner)('signing in', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openPage(browser, [], false);
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
    await page.reload();
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('weft.session'))).toBeNull();
  });
});
