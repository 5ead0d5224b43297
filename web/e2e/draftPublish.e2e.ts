import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';
import { allowPageErrors } from './fixtures';

allowPageErrors(
  /422 \(Unprocessable Entity\) \[[^\]]*\/api\/pipelines\/draft-or-published\/test-run/,
  'a broken draft is refused by test-run on purpose: the editor lists its problems',
);

const base = inject('baseUrl');
const id = 'draft-or-published';

interface RunAnswer {
  status: string;
  outputs: Record<string, unknown>;
}

const runPublished = () =>
  apiCall<RunAnswer>(base, 'POST', `/api/pipelines/${id}/run?wait=true`, { text: 'cats' });
const versionCount = async () =>
  (await apiCall<{ items: unknown[] }>(base, 'GET', `/api/pipelines/${id}/versions`)).items.length;

async function runFromEditor(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await page.getByRole('dialog').getByLabel('Ticket').fill('cats');
  await page.getByTestId('run-submit').click();
}

describe('drafts and publishing', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Draft or published',
      nodes: [
        { id: 'q', type: 'input_text', config: { name: 'text', label: 'Ticket' }, position: { x: 0, y: 0 } },
        { id: 'shout', type: 'template', config: { template: '{{ q.text | upper }}' }, position: { x: 320, y: 0 } },
        { id: 'answer', type: 'output_text', config: { name: 'answer', text: '{{ shout.text }}' }, position: { x: 640, y: 0 } },
      ],
      edges: [
        { source: 'q', target: 'shout' },
        { source: 'shout', target: 'answer' },
      ],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the draft from the editor while API callers keep the published version', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-shout').click();
    await page.locator('#cfg-shout-template').fill('draft: {{ q.text }}');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Draft — unpublished changes');
    await runFromEditor(page);
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await page.getByTestId('output-panel').getByText('draft: cats').first().waitFor();
    await shot(page, '40-draft-run');

    expect((await runPublished()).outputs).toEqual({ answer: 'CATS' });
    expect(await versionCount()).toBe(1);
  });

  it('a broken draft shows its problems and the published version still answers', async () => {
    await page.getByTestId('node-answer').click();
    await page.locator('#cfg-answer-text').fill('{{ ghost.text }}');
    await page.locator('#cfg-answer-name').click();
    await runFromEditor(page);
    await page.getByText(/The draft cannot run/).waitFor();
    await shot(page, '41-broken-draft');
    expect((await runPublished()).outputs).toEqual({ answer: 'CATS' });
    expect(await versionCount()).toBe(1);
  });

  it('keeps the draft across a reload, and Publish makes the next version', async () => {
    await page.locator('#cfg-answer-text').fill('{{ shout.text }}');
    await page.waitForTimeout(500); // the draft is written after a short quiet time
    await page.reload();
    await page.getByTestId('node-shout').waitFor();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Draft — unpublished changes');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Published · version 2');
    expect(await versionCount()).toBe(2);
    expect((await runPublished()).outputs).toEqual({ answer: 'draft: cats' });
    await shot(page, '42-published');
  });
});
