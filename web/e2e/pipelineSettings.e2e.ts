import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';
import type { PipelineRecord } from '../src/shared/api/types';

const base = inject('baseUrl');
const id = 'one-at-a-time';

describe('the pipeline settings dialog', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'One at a time',
      nodes: [
        { id: 'q', type: 'input_text', config: { name: 'text' }, position: { x: 0, y: 0 } },
        { id: 'say', type: 'template', config: { template: 'Hi {{ q.text }}' }, position: { x: 320, y: 0 } },
      ],
      edges: [{ source: 'q', target: 'say' }],
    });
    browser = await launch();
    page = await openPage(browser, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    return page.getByRole('dialog', { name: 'Pipeline settings' });
  };

  it('sets runs at once and which executions are kept; they are saved with the pipeline', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-say').waitFor();
    let dialog = await openSettings();
    const runs = dialog.getByLabel('Runs at once', { exact: true });
    await runs.fill('0');
    await dialog.getByText('Enter a whole number from 1 to 10,000.').waitFor();
    expect(await runs.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await runs.fill('1');
    await dialog.getByRole('radio', { name: /Errors only/ }).check();
    await shot(page, '40-pipeline-settings');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Draft — unpublished changes');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Published · version 2');

    await page.reload();
    await page.getByTestId('node-say').waitFor();
    dialog = await openSettings();
    expect(await dialog.getByLabel('Runs at once', { exact: true }).inputValue()).toBe('1');
    expect(await dialog.getByRole('radio', { name: /Errors only/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Blocks at once').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const record = await apiCall<PipelineRecord>(base, 'GET', `/api/pipelines/${id}`);
    expect(record.definition.settings).toEqual({ save_executions: 'errors', run_concurrency: 1 });
    expect(record.valid).toBe(true);
    expect(errors).toEqual([]);
  });

  it("sets the workspace's run limit on the Settings page, which the server then holds", async () => {
    await page.goto(`${base}/settings`);
    const section = page.getByRole('region', { name: 'Runs' });
    const field = section.getByLabel('Runs at once in this workspace');
    await field.waitFor();
    expect(await field.inputValue()).toBe('');
    await field.fill('0');
    expect(await section.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await field.fill('3');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => apiCall<{ run_concurrency: number | null }>(base, 'GET', '/api/settings/runs'))
      .toEqual({ run_concurrency: 3 });
    await page.reload();
    await field.waitFor();
    expect(await field.inputValue()).toBe('3');
    await field.fill('');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => apiCall<{ run_concurrency: number | null }>(base, 'GET', '/api/settings/runs'))
      .toEqual({ run_concurrency: null });
    expect(errors).toEqual([]);
  });
});
