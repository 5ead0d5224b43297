import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EdgeDef, NodeDef } from '../src/shared/api/types';
import { gridPipeline } from './grid';
import { createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const id = 'stress-1000';
const kColumns = 40;
const kRows = 25;
/** How long the canvas is worked; the spec's whole run stays under two minutes. */
const kLoopMs = Number(process.env.WEFT_STRESS_MS ?? 60_000);


const kGestures = ['drag', 'pan', 'zoom', 'click', 'drag', 'shift-click', 'pan', 'box', 'drag', 'zoom', 'fit'] as const;

/** mulberry32: the same seed replays the same gestures (the seed is printed). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The pane's visible box less a margin and the corners the controls and the minimap cover. */
async function paneBox(page: Page): Promise<Box> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  return { x: box.x + 70, y: box.y + 50, width: box.width - 260, height: box.height - 180 };
}

/** A block whose centre is inside `box` and is what a click there hits, with its on-canvas position. */
async function visibleBlock(page: Page, box: Box, pick: number): Promise<{ id: string; x: number; y: number } | null> {
  return page.evaluate(
    ({ box, pick }) => {
      const found: { id: string; x: number; y: number }[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + Math.min(14, r.height / 2);
        if (x < box.x || y < box.y || x > box.x + box.width || y > box.y + box.height) continue;
        if (document.elementFromPoint(x, y)?.closest('.react-flow__node') !== el) continue;
        found.push({ id: el.dataset.id ?? '', x, y });
      }
      return found.length ? found[Math.floor(pick * found.length)]! : null;
    },
    { box, pick },
  );
}

/** A point of `box` where the empty pane is (a drag there pans or box-selects). */
async function emptyPoint(page: Page, box: Box, rand: () => number): Promise<{ x: number; y: number } | null> {
  const tries = Array.from({ length: 20 }, () => ({ x: box.x + rand() * box.width, y: box.y + rand() * box.height }));
  return page.evaluate((tries) => {
    for (const t of tries) {
      if (document.elementFromPoint(t.x, t.y)?.classList.contains('react-flow__pane')) return t;
    }
    return null;
  }, tries);
}

/** A block's stored position, read from its transform (flow coordinates). */
async function position(page: Page, node: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${node}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/.exec(transform);
  if (!m) throw new Error(`no position in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function zoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /scale\(([-\d.e]+)\)/.exec(transform);
  return m ? Number(m[1]) : 1;
}

describe('a 1,000-block pipeline worked for a minute', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await createPipeline(base, { id, name: 'A thousand blocks', ...gridPipeline(kColumns, kRows) });
    browser = await launch();
    page = await openPage(browser, errors);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pans, zooms, drags and selects after Fit View without a page error, and drags move blocks', { timeout: kLoopMs + 90_000 }, async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.locator('.react-flow__node').first().waitFor();
    // Every block is mounted (the canvas mounts a large graph in batches).
    await page.locator('[data-testid="canvas"]:not([data-mounting])').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(500);
    await shot(page, 'stress-fitted');

    const seed = Number(process.env.WEFT_STRESS_SEED ?? Date.now() % 1_000_000);
    console.log(`stress: seed ${seed} (WEFT_STRESS_SEED replays it)`);
    const rand = random(seed);
    const counts: Record<string, number> = {};
    const moves: { node: string; zoom: number; expected: { x: number; y: number }; actual: { x: number; y: number } }[] = [];
    const end = Date.now() + kLoopMs;
    let turn = 0;
    while (Date.now() < end) {
      const box = await paneBox(page);
      // Every kind of gesture in turn (a slow machine still gets each several times), on random places.
      const action = kGestures[turn++ % kGestures.length]!;
      counts[action] = (counts[action] ?? 0) + 1;
      if (action === 'pan' || action === 'box') {
        const from = await emptyPoint(page, box, rand);
        if (!from) continue;
        const dx = (rand() - 0.5) * 300;
        const dy = (rand() - 0.5) * 200;
        if (action === 'box') await page.keyboard.down('Shift');
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
        await page.mouse.up();
        if (action === 'box') await page.keyboard.up('Shift');
      } else if (action === 'zoom') {
        await page.mouse.move(box.x + rand() * box.width, box.y + rand() * box.height);
        await page.mouse.wheel(0, (rand() - 0.5) * 800);
        await page.waitForTimeout(50);
      } else if (action === 'fit') {
        await page.getByRole('button', { name: 'Fit View' }).click();
        await page.waitForTimeout(100);
      } else {
        const block = await visibleBlock(page, box, rand());
        if (!block) continue;
        if (action === 'drag') {
          const before = await position(page, block.id);
          const scale = await zoom(page);
          const dx = Math.round((rand() - 0.5) * 120);
          const dy = Math.round((rand() - 0.5) * 80);
          await page.mouse.move(block.x, block.y);
          await page.mouse.down();
          // A busy page gets one coalesced move for a quick drag: the block must still follow all of it.
          await page.mouse.move(block.x + dx, block.y + dy, { steps: [1, 2, 6][Math.floor(rand() * 3)] });
          await page.mouse.up();
          const after = await position(page, block.id);
          moves.push({
            node: block.id,
            zoom: scale,
            expected: { x: dx / scale, y: dy / scale },
            actual: { x: after.x - before.x, y: after.y - before.y },
          });
        } else {
          const selected = async () => /\bselected\b/.test((await page.locator(`.react-flow__node[data-id="${block.id}"]`).getAttribute('class')) ?? '');
          const before = await selected();
          if (action === 'shift-click') await page.keyboard.down('Shift');
          await page.mouse.click(block.x, block.y);
          if (action === 'shift-click') await page.keyboard.up('Shift');
          // A click selects the block; a shift-click adds it to the selection or takes it out.
          await expect.poll(selected, { message: `${action} on ${block.id}`, timeout: 10_000 }).toBe(action === 'click' ? true : !before);
        }
      }
      expect(errors).toEqual([]);
    }
    await shot(page, 'stress-after');
    console.log(`stress: ${JSON.stringify(counts)}; ${moves.length} drags, zoom ${Math.min(...moves.map((m) => m.zoom)).toFixed(2)}–${Math.max(...moves.map((m) => m.zoom)).toFixed(2)}`);

    expect(errors).toEqual([]);
    expect(moves.length).toBeGreaterThanOrEqual(3);
    // Every drag moved its block by what the pointer travelled, in canvas units (a block never stays behind).
    const wrong = moves.filter(
      (m) => Math.abs(m.actual.x - m.expected.x) > 2 / m.zoom + 1 || Math.abs(m.actual.y - m.expected.y) > 2 / m.zoom + 1,
    );
    expect(wrong).toEqual([]);
  });
});

describe('Fit View with the block panel open', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // A wide row: fitting it is bound by the width, the side the panel takes.
    const nodes: NodeDef[] = Array.from({ length: 10 }, (_, i) => ({
      id: `t${i}`,
      type: 'template',
      config: { template: 'x' },
      position: { x: i * 300, y: 0 },
    }));
    const edges: EdgeDef[] = nodes.slice(1).map((n, i) => ({ source: `t${i}`, target: n.id }));
    await createPipeline(base, { id: 'fit-beside-panel', name: 'Fit beside the panel', nodes, edges });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('puts no block under the panel', async () => {
    await page.goto(`${base}/pipelines/fit-beside-panel`);
    await page.getByTestId('node-t5').click();
    const panel = await page.getByTestId('node-panel').boundingBox();
    if (!panel) throw new Error('no panel');
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(300);
    const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLElement).dataset.id, right: e.getBoundingClientRect().right })),
    );
    expect(boxes).toHaveLength(10);
    expect(boxes.filter((b) => b.right > panel.x)).toEqual([]);
    await shot(page, 'fit-beside-panel');
  });
});
