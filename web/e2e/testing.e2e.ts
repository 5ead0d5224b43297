import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';
import { allowPageErrors } from './fixtures';

allowPageErrors(/409 \(Conflict\) \[[^\]]*\/api\/pipelines\/test-while-building\]/, 'a save after someone else’s, refused on purpose');

const base = inject('baseUrl');
const id = 'test-while-building';

interface Execution {
  id: string;
  node_runs: { node_id: string; status: string; output: unknown; reused?: boolean }[];
}

/** Pins, "run this node", "run from here", versions and a save conflict. */
describe('testing while building', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Test while building',
      nodes: [
        { id: 'q', type: 'input_text', config: { name: 'text', label: 'Question' }, position: { x: 0, y: 0 } },
        { id: 'shout', type: 'template', config: { template: '{{ q.text | upper }}' }, position: { x: 300, y: 0 } },
        { id: 'wrap', type: 'template', config: { template: '<{{ shout.text }}>' }, position: { x: 600, y: 0 } },
      ],
      edges: [
        { source: 'q', target: 'shout' },
        { source: 'shout', target: 'wrap' },
      ],
    });
    browser = await launch();
    page = await openPage(browser, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const lastRun = async () => {
    const page1 = await apiCall<{ items: { id: string }[] }>(base, 'GET', `/api/executions?pipeline_id=${id}&limit=1`);
    return apiCall<Execution>(base, 'GET', `/api/executions/${page1.items[0]?.id}`);
  };
  const waitRun = () => page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();

  it('runs once, then pins an output that the next editor run reuses', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByLabel('Question').fill('hello');
    await page.getByTestId('run-submit').click();
    await waitRun();
    await expect.poll(() => page.getByTestId('node-preview-wrap').textContent()).toBe('<HELLO>');

    await page.getByTestId('node-shout').click();
    await page.getByRole('tab', { name: /Run data/ }).click();
    await page.getByRole('button', { name: 'Pin output' }).click();
    await page.getByTestId('node-pinned-shout').waitFor();
    await page.locator('#pinned-shout').fill('{"text": "PINNED"}');
    await shot(page, '17-pinned');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('dialog').getByLabel('Question').fill('something else');
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="node-preview-wrap"]', { hasText: '<PINNED>' }).waitFor();
    await waitRun();
    // The pin lives in the draft the run used; the published version has none until Publish.
    const doc = await apiCall<{ definition: { pinned?: Record<string, unknown> } }>(base, 'GET', `/api/pipelines/${id}`);
    expect(doc.definition.pinned).toBeUndefined();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Draft');
  });

  it('runs one node, and runs from a node, reusing what is upstream', async () => {
    await page.getByTestId('node-shout').click();
    await page.getByRole('tab', { name: /Run data/ }).click();
    await page.getByRole('button', { name: 'Unpin' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByTestId('save-state').getByText(/Published · version/).waitFor();

    const before = (await lastRun()).id;
    await page.getByRole('button', { name: 'Run this node' }).click();
    await expect
      .poll(async () => {
        const r = await apiCall<{ items: { id: string; status: string }[] }>(base, 'GET', `/api/executions?pipeline_id=${id}&limit=1`);
        return r.items[0] !== undefined && r.items[0].id !== before && r.items[0].status !== 'running';
      })
      .toBe(true);
    const single = await lastRun();
    const byId = Object.fromEntries(single.node_runs.map((r) => [r.node_id, r]));
    expect(byId.shout?.status).toBe('succeeded');
    expect(byId.wrap?.status).toBe('skipped');

    await page.getByTestId('node-wrap').click();
    await page.getByRole('button', { name: 'Run from here' }).click();
    await waitRun();
    await page.locator('[data-testid="node-wrap"][data-status="succeeded"]').waitFor();
    const from = await lastRun();
    const fromIds = Object.fromEntries(from.node_runs.map((r) => [r.node_id, r]));
    expect(fromIds.wrap?.status).toBe('succeeded');
    await shot(page, '18-run-from-here');
  });

  it('restores an older version from the versions drawer', async () => {
    await page.getByRole('button', { name: 'Versions' }).click();
    const drawer = page.getByRole('dialog', { name: 'Versions' });
    await drawer.getByText('v1', { exact: true }).waitFor();
    await shot(page, '19-versions');
    const rows = drawer.getByRole('button', { name: 'Restore' });
    await rows.last().click();
    await page.getByText(/Restored as version/).waitFor();
    const doc = await apiCall<{ definition: { pinned?: unknown } }>(base, 'GET', `/api/pipelines/${id}`);
    expect(doc.definition.pinned).toBeUndefined();
  });

  it('tells when someone saved since, and reloads theirs', async () => {
    const current = await apiCall<{ version: number; definition: Record<string, unknown> }>(base, 'GET', `/api/pipelines/${id}`);
    await apiCall(base, 'PUT', `/api/pipelines/${id}`, { ...current.definition, name: 'Renamed elsewhere', version: current.version });
    await page.getByLabel('Pipeline name').fill('My name');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Someone saved since' });
    await dialog.waitFor();
    await shot(page, '20-conflict');
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => (document.querySelector('[aria-label="Pipeline name"]') as HTMLInputElement)?.value === 'Renamed elsewhere');
    expect(errors).toEqual([]);
  });
});
