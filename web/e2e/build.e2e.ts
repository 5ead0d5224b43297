import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, dropBlock, edgeCount, launch, nodeIds, openPage, shot } from './browser';

const base = inject('baseUrl');

describe('build a pipeline on an empty canvas', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    page = await openPage(browser, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a pipeline and lands on its empty canvas', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'New pipeline', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Greeter');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/pipelines\/greeter$/);
    await page.getByText('Start with an input').waitFor();
    await shot(page, '01-empty-canvas');
  });

  it('drags input → template → output onto the canvas and connects them', async () => {
    await dropBlock(page, 'input_text', 130, 260);
    await dropBlock(page, 'template', 410, 260);
    await dropBlock(page, 'output_text', 690, 260);
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1', 'output_text_1']);
    await connect(page, 'input_text_1', 'template_1');
    await connect(page, 'template_1', 'output_text_1');
    await expect.poll(() => edgeCount(page)).toBe(2);
    await shot(page, '02-connected');
  });

  it('configures the blocks in the side panel, with {{ completion', async () => {
    await page.getByTestId('node-input_text_1').click();
    await page.locator('#cfg-input_text_1-label').fill('Your name');

    await page.getByTestId('node-template_1').click();
    const template = page.locator('#cfg-template_1-template');
    await template.click();
    await template.pressSequentially('Hello {{ input_text_1.t');
    await page.getByRole('option', { name: /input_text_1\.text/ }).waitFor();
    await shot(page, '03-template-completion');
    await page.keyboard.press('Enter');
    await page.keyboard.type('!');
    expect(await template.inputValue()).toBe('Hello {{ input_text_1.text }}!');

    await page.getByTestId('node-output_text_1').click();
    await page.locator('#cfg-output_text_1-name').fill('greeting');
    await page.locator('#cfg-output_text_1-text').fill('{{ template_1.text }}');
    await page.locator('#cfg-output_text_1-name').click();
    await shot(page, '04-configured');
  });

  it('saves, reloads and finds it intact', async () => {
    await page.keyboard.press('Control+s');
    await page.getByTestId('save-state').getByText('Published · version 2').waitFor();
    await page.reload();
    await page.getByTestId('node-template_1').waitFor();
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1', 'output_text_1']);
    await expect.poll(() => edgeCount(page)).toBe(2);
    await page.getByTestId('node-template_1').click();
    await expect.poll(() => page.locator('#cfg-template_1-template').inputValue()).toBe('Hello {{ input_text_1.text }}!');
    await page.getByTestId('problems').getByText('Valid').waitFor();
    await shot(page, '05-reloaded');
  });

  it('runs it from the run form and reads the output', async () => {
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByLabel('Your name').fill('Ada');
    await shot(page, '06-run-form');
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await page.locator('[data-testid="node-output_text_1"][data-status="succeeded"]').waitFor();
    await expect.poll(() => page.getByTestId('output-details').textContent()).toContain('Hello Ada!');
    await expect.poll(() => page.getByTestId('node-preview-template_1').textContent()).toBe('Hello Ada!');
    await shot(page, '07-run-output');
  });

  it('undo and redo restore the canvas', async () => {
    await page.getByTestId('node-output_text_1').click();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByTestId('node-output_text_1').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1']);
    await expect.poll(() => edgeCount(page)).toBe(1);
    await shot(page, '08-deleted');
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1', 'output_text_1']);
    await expect.poll(() => edgeCount(page)).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeCount(page)).toBe(2);
    await shot(page, '09-undone');
    expect(errors).toEqual([]);
  });

  it('copies and pastes a multi-selection, then deletes it in one step', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.getByTestId('node-template_1').click();
    await page.getByTestId('node-output_text_1').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1', 'output_text_1', 'template_2', 'output_text_2']);
    await expect.poll(() => edgeCount(page)).toBe(3); // the edge between the two copies came along
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'template_1', 'output_text_1']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page)).toHaveLength(5);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeIds(page)).toHaveLength(3);
  });
});
