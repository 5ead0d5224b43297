import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launch, openPage, shot } from './browser';
import { startWeft, type RunningServer } from './server';

const webDir = path.resolve(artifacts, '..', '..');
const kOwner = { email: 'first@example.com', name: 'First Owner', password: 'first-owner-passphrase' };
const kToken = 'tok-e2e-canary-7f3a';

/**
 * Issue #6 acceptance on a server of its own (so the setup page shows): set
 * up the owner, sign in, create a credential, pick it in an HTTP request
 * block, save, run, sign out.
 */
describe('accounts and credentials on a new install', () => {
  let weft: RunningServer;
  let echo: Server;
  let echoUrl = '';
  const seen: IncomingHttpHeaders[] = [];
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    echo = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/hello`;
    const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
    weft = await startWeft(binary, path.join(webDir, 'dist'), { WEFT_ALLOW_NETWORKS: '127.0.0.1/32' });
    browser = await launch();
    page = await openPage(browser, errors, false);
  });
  afterAll(async () => {
    await browser?.close();
    await weft?.stop();
    await new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve()));
  });

  it('sets up the first owner through the setup page', async () => {
    await page.goto(weft.url);
    const form = page.getByRole('form', { name: 'Set up Weft' });
    await form.getByLabel('Email').fill(kOwner.email);
    await form.getByLabel('Name').fill(kOwner.name);
    await form.getByLabel('Password').fill(kOwner.password);
    await shot(page, '25-setup');
    await form.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Pipelines' }).waitFor();
  });

  it('signs out and back in from the account menu', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByTestId('account-name').getByText(kOwner.name).waitFor();
    await expect.poll(() => page.getByRole('menu', { name: 'Account' }).textContent()).toContain('owner');
    await shot(page, '26-account-menu');
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(kOwner.email);
    await form.getByLabel('Password').fill(kOwner.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Pipelines' }).waitFor();
  });

  it('creates a credential whose values never come back', async () => {
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('button', { name: 'New credential' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Echo token');
    await dialog.getByLabel('Kind').selectOption('bearer');
    await expect.poll(() => dialog.locator('#credential-field-token').getAttribute('type')).toBe('password');
    await dialog.locator('#credential-field-token').fill(kToken);
    await shot(page, '27-new-credential');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByTestId('credential-Echo token').waitFor();
    expect(await page.content()).not.toContain(kToken);
    await page.getByRole('button', { name: 'Edit Echo token' }).click();
    await page.getByTestId('keep-note').waitFor();
    await expect.poll(() => page.locator('#credential-field-token').inputValue()).toBe('');
    await shot(page, '28-edit-credential');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await shot(page, '29-credentials');
  });

  it('picks the credential in an HTTP request block, saves and runs it', async () => {
    await page.getByRole('link', { name: 'Pipelines' }).click();
    await page.getByRole('button', { name: 'New pipeline', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Signed call');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByTestId('canvas').waitFor();
    await page.locator('[data-node-type="http_request"]').click();
    await page.getByTestId('node-http_request_1').click();
    await page.locator('#cfg-http_request_1-url').click();
    await page.keyboard.type(echoUrl);
    await page.locator('#cfg-http_request_1-credential').selectOption({ label: 'Echo token · Bearer token' });
    await shot(page, '30-credential-picker');
    await page.keyboard.press('Control+s');
    await page.getByTestId('save-state').getByText(/Published · version/).waitFor();
    await page.getByTestId('run').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${kToken}`);
    expect(await page.content()).not.toContain(kToken);
    await shot(page, '31-signed-run');
  });

  it('creates a key for the pipeline in its API tab and runs it with curl', async () => {
    await page.getByRole('tab', { name: 'API' }).click();
    await page.getByRole('button', { name: 'Create a key for this pipeline' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('api-key-made').getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^wft_/);
    const curl = (await page.getByTestId('api-curl').textContent()) ?? '';
    expect(curl).toContain(key);
    await shot(page, '32-api-key-made');
    const before = seen.length;
    // Asynchronously: the echo server the run calls lives on this process's event loop.
    const { stdout } = await promisify(execFile)('sh', ['-c', curl], { encoding: 'utf8' });
    const answer = JSON.parse(stdout) as { status?: string; execution_id?: string };
    expect(answer.status).toBe('succeeded');
    await expect.poll(() => seen.length).toBe(before + 1);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${kToken}`);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByTestId('api-key-signed-call runs').waitFor();
    await shot(page, '33-api-keys');
  });

  it('adds an LLM provider in settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const row = page.getByRole('region', { name: "This workspace's providers" });
    await row.getByLabel('Name').fill('local');
    // A workspace's provider on loopback: admitted only because this server's WEFT_ALLOW_NETWORKS allows 127.0.0.1.
    await row.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
    await page.getByRole('button', { name: 'Save providers' }).click();
    await page.getByText('Providers saved').waitFor();
    await shot(page, '34-providers');
  });

  it('signs out for good', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect((await page.context().cookies()).filter((c) => c.name === 'weft_refresh')).toEqual([]);
    expect(errors).toEqual([]);
  });
});
