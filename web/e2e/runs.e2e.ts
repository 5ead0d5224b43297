import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');

/** Stopping a run from the editor, and retrying a failed one from the history. */
describe('run control', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id: 'slow',
      name: 'Slow',
      nodes: [
        { id: 'wait', type: 'delay', config: { ms: 20000 }, position: { x: 0, y: 0 } },
        { id: 'after', type: 'template', config: { template: 'done' }, position: { x: 300, y: 0 } },
      ],
      edges: [{ source: 'wait', target: 'after' }],
    });
    await createPipeline(base, {
      id: 'failing',
      name: 'Failing',
      nodes: [
        { id: 'call', type: 'http_request', config: { url: 'http://127.0.0.1:9/never' }, position: { x: 0, y: 0 } },
        { id: 'after', type: 'template', config: { template: '{{ call.status }}' }, position: { x: 300, y: 0 } },
      ],
      edges: [{ source: 'call', target: 'after' }],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('stops a running run from the editor', async () => {
    await page.goto(`${base}/pipelines/slow`);
    await page.getByTestId('run').click();
    await page.locator('[data-testid="node-wait"][data-status="running"]').waitFor();
    await shot(page, '21-running');
    await page.getByTestId('cancel-run').click();
    await page.locator('[data-testid="output-panel"][data-run-status="cancelled"]').waitFor();
    await page.getByTestId('run').waitFor();
  });

  it('shows a failed run with its error and retries it from the history', async () => {
    await page.goto(`${base}/pipelines/failing`);
    await page.getByTestId('run').click();
    await page.locator('[data-testid="output-panel"][data-run-status="failed"]').waitFor();
    await page.locator('[data-testid="node-call"][data-status="failed"]').waitFor();
    await expect.poll(() => page.getByTestId('node-preview-call').textContent()).not.toBe('');
    await page.getByRole('link', { name: /^ex_/ }).click();
    await page.waitForURL(/\/executions\/ex_/);
    const first = page.url();
    await page.getByTestId('retry').click();
    await page.waitForURL((url) => url.toString() !== first && /\/executions\/ex_/.test(url.toString()));
    await page.locator('[data-testid="node-call"][data-status="failed"]').waitFor();
    await page.getByText(/retry of ex_/).waitFor();
    await shot(page, '22-retried');
  });
});
