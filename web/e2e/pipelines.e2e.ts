import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');

describe('the pipelines list', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id: 'list-me',
      name: 'List me',
      nodes: [{ id: 'q', type: 'input_text', config: {}, position: { x: 0, y: 0 } }],
      edges: [],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const row = (id: string) => page.locator(`tr[data-pipeline="${id}"]`);
  const menu = async (id: string, item: string) => {
    await row(id).getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };

  it('renames, duplicates and deletes (after asking)', async () => {
    await page.goto(base);
    await row('list-me').waitFor();
    await menu('list-me', 'Rename');
    await page.getByRole('dialog').getByLabel('Name').fill('Listed and renamed');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await row('list-me').getByText('Listed and renamed').waitFor();

    await menu('list-me', 'Duplicate');
    await row('list-me-copy').getByText('Listed and renamed (copy)').waitFor();
    const copy = await apiCall<{ definition: { nodes: unknown[] } }>(base, 'GET', '/api/pipelines/list-me-copy');
    expect(copy.definition.nodes).toHaveLength(1);
    await shot(page, '24-pipelines');

    await menu('list-me-copy', 'Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete pipeline?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row('list-me-copy').count()).toBe(1);
    await menu('list-me-copy', 'Delete');
    await page.getByRole('dialog', { name: 'Delete pipeline?' }).getByRole('button', { name: 'Delete' }).click();
    await row('list-me-copy').waitFor({ state: 'detached' });
    await expect.poll(() => row('list-me').count()).toBe(1);
  });
});
