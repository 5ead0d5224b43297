import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';
import { allowPageErrors } from './fixtures';

allowPageErrors(/503 \(Service Unavailable\) \[[^\]]*\/api\/settings\/providers\/ollama\/models\]/, 'the llm block’s panel asks the e2e server’s ollama, which nothing answers, for its models');

const base = inject('baseUrl');
const id = 'pinned-triage';

interface Execution {
  id: string;
  node_runs: { node_id: string; status: string; output: unknown; handles?: string[] }[];
}

/**
 * A pinned routing block routes like one that ran: an `llm_classify` block
 * (no model is called: its output is pinned) sends the run down the branch
 * of the label its pinned output names, in a whole run and when running
 * from the block after it.
 */
describe('a pinned llm_classify output', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Pinned triage',
      nodes: [
        { id: 'ticket', type: 'input_text', config: { name: 'text', label: 'Ticket' }, position: { x: 0, y: 120 } },
        {
          id: 'sort',
          type: 'llm_classify',
          config: { model: 'llama3', labels: [{ name: 'billing' }, { name: 'bug' }] },
          position: { x: 320, y: 120 },
        },
        { id: 'to_finance', type: 'template', config: { template: 'finance: {{ ticket.text }}' }, position: { x: 680, y: 0 } },
        { id: 'to_dev', type: 'template', config: { template: 'dev: {{ ticket.text }}' }, position: { x: 680, y: 240 } },
      ],
      edges: [
        { source: 'ticket', target: 'sort' },
        { source: 'sort', sourceHandle: 'billing', target: 'to_finance' },
        { source: 'sort', sourceHandle: 'bug', target: 'to_dev' },
      ],
    });
    browser = await launch();
    page = await openPage(browser, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const lastRun = async () => {
    const list = await apiCall<{ items: { id: string }[] }>(base, 'GET', `/api/executions?pipeline_id=${id}&limit=1`);
    const run = await apiCall<Execution>(base, 'GET', `/api/executions/${list.items[0]?.id}`);
    return { id: run.id, nodes: Object.fromEntries(run.node_runs.map((r) => [r.node_id, r])) };
  };
  const waitRun = () => page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
  const status = (node: string, value: string) => page.locator(`[data-testid="node-${node}"][data-status="${value}"]`).waitFor();

  it('pins a label in the editor; a run takes that label’s branch only', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-sort').click();
    await page.getByRole('tab', { name: /Run data/ }).click();
    await page.getByRole('button', { name: 'Type one' }).click();
    await page.locator('#pin-draft-sort').fill('{"label": "bug", "confidence": 0.9}');
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await page.getByTestId('node-pinned-sort').waitFor();

    await page.keyboard.press('Control+Enter');
    await page.getByRole('dialog').getByLabel('Ticket').fill('The export button crashes');
    await page.getByTestId('run-submit').click();
    await waitRun();
    await status('to_dev', 'succeeded');
    await status('to_finance', 'skipped');
    await expect.poll(() => page.getByTestId('node-preview-to_dev').textContent()).toBe('dev: The export button crashes');
    const run = await lastRun();
    expect(run.nodes.sort).toMatchObject({ status: 'succeeded', output: { label: 'bug', confidence: 0.9 }, handles: ['bug'] });
  });

  it('runs from the block after it: the chosen branch runs, the other is skipped', async () => {
    const before = (await lastRun()).id;
    await page.getByRole('button', { name: 'Close panel' }).click();
    await page.getByTestId('node-to_dev').click();
    await page.getByRole('button', { name: 'Run from here' }).click();
    await expect.poll(async () => (await lastRun()).id).not.toBe(before);
    await waitRun();
    await status('to_dev', 'succeeded');
    await status('to_finance', 'skipped');
    await shot(page, '39-pinned-classify-run-from-here');
    const run = await lastRun();
    expect(run.nodes.to_dev).toMatchObject({ status: 'succeeded', output: { text: 'dev: The export button crashes' } });
    expect(run.nodes.to_finance?.status).toBe('skipped');
    expect(run.nodes.sort).toMatchObject({ status: 'succeeded', handles: ['bug'] });
    expect(errors).toEqual([]);
  });
});
