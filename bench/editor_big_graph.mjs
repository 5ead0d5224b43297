#!/usr/bin/env node
// The editor on a 1,000-block pipeline (40 × 25 grid, 1,289 edges), in
// headless Chromium with software rendering: open to interactive, frame
// times while panning, zooming and dragging a block (p95 and worst), the
// worst frame of Fit View, select-all (Ctrl+A) and opening a block's panel.
// Each figure is the median over the runs; the frames are pooled.
//
// Usage: node bench/editor_big_graph.mjs [runs]   (after scripts/setup; WEFT_BINARY to override)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(root, 'web', 'package.json'))('playwright-core');
const runs = Number(process.argv[2] ?? 3);
const binary = process.env.WEFT_BINARY ?? path.join(root, 'build', 'weft');
const data = mkdtempSync(path.join(tmpdir(), 'weft-big-'));
const kColumns = 40;
const kRows = 25;
const kId = 'big-1000';

const server = spawn(binary, ['serve', '--port', '0', '--data', data, '--web', path.join(root, 'web', 'dist')]);
const url = await new Promise((resolve, reject) => {
  let log = '';
  server.stderr.on('data', (chunk) => {
    log += chunk;
    const match = log.match(/"url":"(http:[^"]+)".*"message":"serving"/);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`weft exited ${code}: ${log}`)));
});
const kCookieMode = { 'X-Weft-Refresh': 'cookie' };
const post = async (p, body, headers = {}) => {
  const response = await fetch(url + p, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
  return response;
};
const owner = { email: 'bench@example.com', password: 'bench-password-123', name: 'Bench' };
const { access_token: token } = await (await post('/api/auth/setup', owner)).json();

function bigPipeline() {
  const nodes = [];
  const edges = [];
  const name = (c, r) => `n${c}_${r}`;
  for (let c = 0; c < kColumns; c++) {
    for (let r = 0; r < kRows; r++) {
      const position = { x: c * 300, y: r * 130 };
      if (c === 0) {
        nodes.push({ id: name(c, r), type: 'input_text', config: { name: `in${r}`, required: false }, position });
        continue;
      }
      nodes.push({ id: name(c, r), type: 'template', config: { template: `{{ ${name(c - 1, r)}.text }}.` }, position });
      edges.push({ source: name(c - 1, r), target: name(c, r) });
      if (r + 1 < kRows && (c + r) % 3 === 0) edges.push({ source: name(c - 1, r + 1), target: name(c, r) });
    }
  }
  return { id: kId, name: 'A thousand blocks', nodes, edges };
}
await post('/api/pipelines', bigPipeline(), { Authorization: `Bearer ${token}` });

/** Frame times (rAF to rAF) while `recording`, and long tasks, from the first script on. */
const kProbe = `
  window.__perf = { frames: [], tasks: [], recording: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  let last = 0;
  const tick = (t) => {
    if (window.__perf.recording && last) window.__perf.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

async function signedInPage() {
  const login = await post('/api/auth/login', { email: owner.email, password: owner.password }, kCookieMode);
  const set = login.headers.getSetCookie().find((c) => c.startsWith('weft_refresh='));
  const value = set.slice('weft_refresh='.length, set.indexOf(';'));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.addCookies([{ name: 'weft_refresh', value, domain: new URL(url).hostname, path: '/api/auth', httpOnly: true, sameSite: 'Strict', secure: false, expires: -1 }]);
  const page = await context.newPage();
  await page.addInitScript(kProbe);
  page.setDefaultTimeout(60_000);
  return page;
}

/** Runs `gesture` with frames recorded; returns those frame times. */
async function frames(page, gesture) {
  await page.evaluate(() => { window.__perf.frames = []; window.__perf.recording = true; });
  await gesture();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => { window.__perf.recording = false; return window.__perf.frames; });
}

/** Milliseconds from just before `action` until `done` holds and a frame after it was drawn. */
async function timed(page, action, done) {
  const t0 = await page.evaluate(() => performance.now());
  await action();
  await done();
  const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
  return t1 - t0;
}

async function drag(page, from, to, steps) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

/** An empty point of the pane near its middle. */
async function emptyPoint(page) {
  return page.evaluate(() => {
    const r = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let dy = 0; dy < r.height / 3; dy += 7) {
      for (const x of [r.left + r.width / 2, r.left + r.width / 3]) {
        const y = r.top + r.height / 2 + dy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    throw new Error('no empty point');
  });
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs) => quantile(xs, 0.5);

const results = { open: [], mounted: [], fitWorst: [], selectAll: [], panel: [] };
const pooled = { pan: [], zoom: [], drag: [] };
for (let i = 0; i < runs; i++) {
  const page = await signedInPage();
  // Warm the HTTP cache once, so the measured open is the editor's work.
  await page.goto(`${url}/pipelines/${kId}`);
  await page.locator('.react-flow__node').first().waitFor();
  await page.goto(`${url}/`);
  await page.getByRole('heading', { name: 'Pipelines' }).waitFor();
  const start = await page.evaluate(() => performance.now());
  await page.goto(`${url}/pipelines/${kId}`);
  await page.locator('.react-flow__node').first().waitFor({ state: 'visible' });
  // Interactive: blocks are on screen and the page answers a frame.
  const interactive = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
  await page.locator('[data-testid="canvas"]:not([data-mounting])').waitFor();
  const mounted = await page.evaluate(() => performance.now());
  // performance.now() restarts with the document: the open is timed from its navigation start.
  results.open.push(interactive);
  results.mounted.push(mounted);
  void start;
  await page.waitForTimeout(500);

  const pane = await emptyPoint(page);
  pooled.pan.push(...(await frames(page, () => drag(page, pane, { x: pane.x - 400, y: pane.y - 150 }, 40))));
  pooled.zoom.push(...(await frames(page, async () => {
    await page.mouse.move(pane.x, pane.y);
    for (let k = 0; k < 10; k++) { await page.mouse.wheel(0, -60); await page.waitForTimeout(16); }
    for (let k = 0; k < 10; k++) { await page.mouse.wheel(0, 60); await page.waitForTimeout(16); }
  })));
  const block = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + 14;
      if (x > pane.left + 100 && x < pane.right - 500 && y > pane.top + 100 && y < pane.bottom - 250 && document.elementFromPoint(x, y)?.closest('.react-flow__node') === el) return { x, y, id: el.dataset.id };
    }
    throw new Error('no block to drag');
  });
  pooled.drag.push(...(await frames(page, () => drag(page, block, { x: block.x + 150, y: block.y + 90 }, 40))));

  await page.evaluate(() => { window.__perf.tasks = []; });
  const fit = await frames(page, async () => {
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(600);
  });
  const fitTasks = await page.evaluate(() => window.__perf.tasks);
  results.fitWorst.push(Math.max(0, ...fit, ...fitTasks));

  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  results.selectAll.push(await timed(page, () => page.keyboard.press('Control+a'),
    () => page.waitForFunction(() => {
      const nodes = document.querySelectorAll('.react-flow__node');
      return nodes.length > 0 && document.querySelectorAll('.react-flow__node.selected').length === nodes.length;
    }, undefined, { polling: 'raf' })));

  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const target = await page.evaluate(() => {
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(10, r.height / 2);
      if (x > 300 && x < 900 && y > 150 && y < 700 && document.elementFromPoint(x, y)?.closest('.react-flow__node') === el) return { x, y };
    }
    throw new Error('no block to click');
  });
  results.panel.push(await timed(page, () => page.mouse.click(target.x, target.y),
    () => page.locator('aside').first().waitFor({ state: 'visible' })));
  await page.context().close();
}
await browser.close();
server.kill('SIGTERM');
rmSync(data, { recursive: true, force: true });

const ms = (x) => `${x.toFixed(1)} ms`;
const frameLine = (name, xs) => `${name} frames: p95 ${ms(quantile(xs, 0.95))}, mean ${ms(xs.reduce((a, b) => a + b, 0) / xs.length)}, worst ${ms(Math.max(...xs))} (${xs.length} frames)`;
console.log(`editor, ${kColumns * kRows} blocks, ${runs} runs, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}:`);
console.log(`  open to interactive (first blocks on screen, answering): ${ms(median(results.open))}; every block mounted: ${ms(median(results.mounted))}`);
console.log(`  ${frameLine('pan', pooled.pan)}`);
console.log(`  ${frameLine('zoom', pooled.zoom)}`);
console.log(`  ${frameLine('drag', pooled.drag)}`);
console.log(`  Fit View worst frame or task: ${ms(median(results.fitWorst))}`);
console.log(`  select-all (Ctrl+A to drawn): ${ms(median(results.selectAll))}`);
console.log(`  block panel open (click to drawn): ${ms(median(results.panel))}`);
