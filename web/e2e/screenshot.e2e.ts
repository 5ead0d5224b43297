import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { PipelineDefinition } from '../src/shared/api/types';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

/** The README's picture: the ticket-triage example after a run, one block open. */
describe('the README screenshot', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const have = await apiCall<{ items: { id: string }[] }>(base, 'GET', '/api/pipelines');
    if (!have.items.some((p) => p.id === 'ticket-triage')) {
      const doc = JSON.parse(readFileSync(path.join(examples, 'ticket_triage.json'), 'utf8')) as PipelineDefinition;
      await createPipeline(base, { ...doc, id: 'ticket-triage' });
    }
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the ticket-triage example and shows it', async () => {
    await page.goto(`${base}/pipelines/ticket-triage`);
    await page.getByTestId('node-ticket').waitFor();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(300);
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByRole('textbox').first().fill('The site is down since 9:00, customers cannot log in. Urgent!');
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await page.locator('[data-step="escalate"]').click();
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(400);
    await shot(page, 'readme');
  });
});
