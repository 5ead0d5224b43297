import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPipeline } from './api';
import { connect, edgeCount, launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const id = 'urgent-or-not';

describe('a condition with both branches', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Urgent or not',
      nodes: [
        { id: 'q', type: 'input_text', config: { name: 'text', label: 'Ticket' }, position: { x: 0, y: 120 } },
        { id: 'urgent', type: 'condition', config: { if: "{{ 'urgent' in q.text }}" }, position: { x: 320, y: 120 } },
        { id: 'escalate', type: 'template', config: { template: 'Escalate: {{ q.text }}' }, position: { x: 660, y: 0 } },
        { id: 'routine', type: 'template', config: { template: 'Routine: {{ q.text }}' }, position: { x: 660, y: 240 } },
      ],
      edges: [{ source: 'q', target: 'urgent' }],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('connects the true and false handles and runs: the untaken branch is skipped', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-urgent').waitFor();
    await connect(page, 'urgent', 'escalate', 'true');
    await connect(page, 'urgent', 'routine', 'false');
    await expect.poll(() => edgeCount(page)).toBe(3);
    await page.getByTestId('problems').getByText('Valid').waitFor();
    // Published first, so the history's replay below shows this graph (a draft run is recorded against version 1).
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Published · version 2');
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByLabel('Ticket').fill('urgent: the printer is on fire');
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await page.locator('[data-testid="node-escalate"][data-status="succeeded"]').waitFor();
    await page.locator('[data-testid="node-routine"][data-status="skipped"]').waitFor();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Published · version 2');
    await shot(page, '10-condition-run');
  });

  it('opens that run from the history and replays it on a read-only canvas', async () => {
    await page.getByRole('link', { name: 'Executions' }).click();
    await page.getByLabel('Filter by pipeline').selectOption(id);
    const row = page.locator('tr[data-execution]').first();
    await row.waitFor();
    await shot(page, '11-executions');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/executions\/ex_/);
    await page.locator('[data-testid="node-routine"][data-status="skipped"]').waitFor();
    await page.locator('[data-testid="node-escalate"][data-status="succeeded"]').waitFor();
    await expect.poll(() => page.getByText('Read-only').count()).toBe(1);
    await page.getByTestId('replay').click();
    await page.locator('[data-testid="node-escalate"][data-status="pending"], [data-testid="node-escalate"][data-status="idle"], [data-testid="node-escalate"][data-status="running"]').first().waitFor();
    await page.getByTestId('replay').getByText('Replay', { exact: true }).waitFor();
    await page.locator('[data-testid="node-routine"][data-status="skipped"]').waitFor();
    await page.locator('[data-testid="node-escalate"][data-status="succeeded"]').waitFor();
    await page.getByTestId('node-escalate').click();
    await page.getByTestId('node-panel').getByText('Escalate: urgent: the printer is on fire').first().waitFor();
    await shot(page, '12-execution-replayed');
  });
});
