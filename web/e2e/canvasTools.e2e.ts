import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPipeline } from './api';
import { dropBlock, launch, openPage } from './browser';
import { allowPageErrors } from './fixtures';

allowPageErrors(
  /503 \(Service Unavailable\) \[[^\]]*\/api\/settings\/providers\/[^/]+\/models\]/,
  'the LLM block panel asks for the model list of a provider this server cannot reach',
);

const base = inject('baseUrl');
const id = 'canvas-tools';
const shots = path.join(tmpdir(), 'weft-canvas-tools');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

const node = (page: Page, nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"]`);
const ids = (page: Page) => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());
const edgeIds = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());

/** The centre of a locator's box, in page coordinates. */
async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A click on empty canvas (top-left corner), which clears the selection. */
async function clickEmpty(page: Page): Promise<void> {
  const box = await page.getByTestId('canvas').boundingBox();
  await page.mouse.click(box!.x + 30, box!.y + 30);
}

describe('canvas tools', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Canvas tools',
      nodes: [
        { id: 'q', type: 'input_text', label: 'Ticket', config: { name: 'text' }, position: { x: 0, y: 0 } },
        { id: 'shout', type: 'template', label: 'Shout', config: { template: '{{ q.text | upper }}' }, position: { x: 520, y: 0 } },
        { id: 'answer', type: 'output_text', config: { name: 'answer', text: '{{ input.text }}' }, position: { x: 1040, y: 0 } },
        { id: 'lonely', type: 'template', label: 'Lonely', config: { template: 'alone' }, position: { x: 260, y: 300 } },
        { id: 'ask', type: 'llm_chat', label: 'Summarise', config: { model: 'm', prompt: '' }, position: { x: 1040, y: 320 } },
      ],
      edges: [
        { source: 'q', target: 'shout' },
        { source: 'shout', target: 'answer' },
      ],
    });
    browser = await launch();
    page = await openPage(browser);
    await page.goto(`${base}/pipelines/${id}`);
    await node(page, 'ask').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('words each problem by block title and field label, and jumps to the field', async () => {
    await expect.poll(() => page.getByTestId('problems').getAttribute('data-count')).toBe('1');
    await page.getByTestId('problems').click();
    const item = page.getByTestId('problem-item').first();
    expect(await item.locator('[data-problem-place]').textContent()).toBe('Summarise → Prompt');
    const text = (await item.locator('button').textContent()) ?? '';
    expect(text).toContain('Prompt is empty');
    expect(text).not.toMatch(/\/nodes\//);
    // The pointer is only in the closed details fold.
    expect(await item.locator('details').getAttribute('open')).toBeNull();
    expect(await item.locator('details code').textContent()).toContain('/nodes/4/config/prompt');
    await shot(page, '1-problem-in-words');
    await item.locator('button').click();
    await page.getByTestId('node-panel').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cfg-ask-prompt');
    await shot(page, '2-problem-focuses-field');
    await clickEmpty(page);
  });

  it('finds a block with Ctrl+F, selects and centres it', async () => {
    await page.keyboard.press('Control+f');
    const box = page.getByTestId('find-box');
    await box.waitFor();
    await box.getByRole('textbox').fill('templ');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.getByTestId('find-count').textContent()).toBe('1 of 2');
    await expect.poll(() => node(page, 'shout').getAttribute('class')).toContain('selected');
    await page.keyboard.press('Enter');
    await expect.poll(() => node(page, 'lonely').getAttribute('class')).toContain('selected');
    await box.getByRole('textbox').fill('summ');
    await page.keyboard.press('Enter');
    await expect.poll(() => node(page, 'ask').getAttribute('class')).toContain('selected');
    // Centred (after the 200 ms move): the block's centre is near the canvas's.
    const canvas = await page.getByTestId('canvas').boundingBox();
    await expect
      .poll(async () => {
        const c = await centre(page, '.react-flow__node[data-id="ask"]');
        return Math.abs(c.x - (canvas!.x + canvas!.width / 2)) + Math.abs(c.y - (canvas!.y + canvas!.height / 2));
      })
      .toBeLessThan(20);
    await shot(page, '3-find');
    await page.keyboard.press('Escape');
    await expect.poll(() => box.count()).toBe(0);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await clickEmpty(page);
  });

  it('duplicates a block with Ctrl+D and from its right-click menu', async () => {
    await node(page, 'shout').click();
    await page.keyboard.press('Control+d');
    await expect.poll(() => ids(page)).toContain('template_1');
    await expect.poll(() => node(page, 'template_1').getAttribute('class')).toContain('selected');
    await shot(page, '4-duplicate');
    await node(page, 'lonely').click({ button: 'right' });
    const menu = page.getByTestId('canvas-menu');
    await menu.waitFor();
    await shot(page, '5-block-menu');
    await menu.getByRole('menuitem', { name: /Duplicate/ }).click();
    await expect.poll(() => ids(page)).toContain('template_2');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => ids(page)).toEqual(['answer', 'ask', 'lonely', 'q', 'shout']);
    await clickEmpty(page);
  });

  it('adds a block from the canvas menu, found by a synonym', async () => {
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.mouse.click(canvas!.x + 200, canvas!.y + canvas!.height - 120, { button: 'right' });
    const menu = page.getByTestId('canvas-menu');
    await menu.getByRole('menuitem', { name: /Add block here/ }).click();
    await menu.getByLabel('Block to add').fill('if');
    await shot(page, '6-canvas-menu-add');
    await page.keyboard.press('Enter');
    await expect.poll(() => ids(page)).toContain('condition_1');
    await page.keyboard.press('Control+z');
    await expect.poll(() => ids(page)).not.toContain('condition_1');
    await clickEmpty(page);
  });

  it('inserts a block dropped on an edge between its ends, as one undo step', async () => {
    const canvas = await page.getByTestId('canvas').boundingBox();
    const mid = await centre(page, '.react-flow__edge[data-id="q:->shout"] .react-flow__edge-interaction');
    await dropBlock(page, 'transform', mid.x - canvas!.x, mid.y - canvas!.y);
    await expect.poll(() => edgeIds(page)).toEqual(['q:->transform_1', 'shout:->answer', 'transform_1:->shout']);
    await shot(page, '7-insert-on-edge');
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeIds(page)).toEqual(['q:->shout', 'shout:->answer']);
    await expect.poll(() => ids(page)).not.toContain('transform_1');

    // An unconnected block dragged onto an edge goes in between too.
    const from = await centre(page, '.react-flow__node[data-id="lonely"]');
    const to = await centre(page, '.react-flow__edge[data-id="shout:->answer"] .react-flow__edge-interaction');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => edgeIds(page)).toEqual(['lonely:->answer', 'q:->shout', 'shout:->lonely']);
    await shot(page, '8-drag-onto-edge');
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeIds(page)).toEqual(['q:->shout', 'shout:->answer']);
    await clickEmpty(page);
  });

  it('keeps sticky notes with Markdown, colour and size across a reload', async () => {
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.mouse.click(canvas!.x + 160, canvas!.y + canvas!.height - 260, { button: 'right' });
    await page.getByTestId('canvas-menu').getByRole('menuitem', { name: /Add note here/ }).click();
    const note = page.locator('[data-testid="note-note:1"]');
    await note.waitFor();
    await note.dblclick();
    await page.getByLabel('Note text (Markdown)').fill('# Plan\n- **shout** the ticket\n- [docs](https://example.com)');
    await clickEmpty(page);
    await expect.poll(() => note.locator('strong').textContent()).toBe('shout');
    expect(await note.locator('a').getAttribute('href')).toBe('https://example.com');
    await note.click();
    await page.getByRole('button', { name: 'Colour blue' }).click();
    const before = await note.boundingBox();
    const grip = await centre(page, '.react-flow__node[data-id="note:1"] .react-flow__resize-control.bottom.right');
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 80, grip.y + 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => ((await note.boundingBox())?.width ?? 0) - (before?.width ?? 0)).toBeGreaterThan(40);
    await shot(page, '9-sticky-note');
    // Written to storage a moment after the last change.
    await page.waitForTimeout(500);
    await page.reload();
    await note.waitFor();
    await expect.poll(() => note.locator('strong').textContent()).toBe('shout');
    expect(await note.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(219, 234, 254)');
    await shot(page, '10-note-after-reload');
    // Kept in this browser per pipeline, not in the pipeline document (the server has no place for them yet).
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('weft.notes.')).map((k) => localStorage.getItem(k)));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('# Plan');
  });
});
