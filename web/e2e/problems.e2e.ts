import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const id = 'with-problems';

describe('validation problems', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'With problems',
      nodes: [
        { id: 'q', type: 'input_text', config: {}, position: { x: 0, y: 0 } },
        { id: 'say', type: 'template', config: { template: 'Hi {{ q.text }}' }, position: { x: 320, y: 0 } },
      ],
      edges: [{ source: 'q', target: 'say' }],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the server's message on the field and a badge on the node", async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-say').click();
    await page.locator('#cfg-say-template').fill('Hi {{ q.text');
    const field = page.locator('[data-field="cfg-say-template"] [data-problem]');
    await field.waitFor();
    await expect.poll(() => field.textContent()).toContain('unterminated `{{`');
    await expect.poll(() => page.getByTestId('node-problems-say').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('problems').getAttribute('data-count')).toBe('1');
    await page.keyboard.press('Escape');
    await shot(page, '13-problem-on-field');

    await page.locator('#cfg-say-template').fill('Hi {{ q.text }}');
    await page.getByTestId('problems').getByText('Valid').waitFor();
    await expect.poll(() => page.getByTestId('node-problems-say').count()).toBe(0);
  });
});
