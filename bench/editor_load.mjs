#!/usr/bin/env node
// Editor load time on loopback: from navigation to the pipelines list shown
// and answering (the first row visible), in a fresh browser context (cold
// cache) each time, signed in. Uses Debian's chromium through the editor's
// playwright-core.
//
// Usage: node bench/editor_load.mjs [runs]   (after scripts/setup; WEFT_BINARY to override)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(root, 'web', 'package.json'))('playwright-core');
const runs = Number(process.argv[2] ?? 10);
const binary = process.env.WEFT_BINARY ?? path.join(root, 'build', 'weft');
const data = mkdtempSync(path.join(tmpdir(), 'weft-load-'));

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
const post = async (p, body) => {
  const response = await fetch(url + p, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return response.json();
};
const owner = { email: 'bench@example.com', password: 'bench-password-123', name: 'Bench' };
await post('/api/auth/setup', owner);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const times = [];
for (let i = 0; i < runs; i++) {
  const tokens = await post('/api/auth/login', owner);
  const context = await browser.newContext();
  await context.addInitScript((t) => {
    localStorage.setItem('weft.session', JSON.stringify({
      access: t.access_token, expiresAt: Date.now() + t.expires_in * 1000, refresh: t.refresh_token,
      user: t.user, workspace: t.workspace }));
  }, tokens);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await page.getByText('Ticket triage').first().waitFor({ state: 'visible' });
  times.push(performance.now() - started);
  await context.close();
}
await browser.close();
server.kill('SIGTERM');
rmSync(data, { recursive: true, force: true });
times.sort((a, b) => a - b);
console.log(`editor load to a usable pipelines list (cold cache, loopback): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, ` +
  `best ${times[0].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms over ${runs} runs`);
