#!/usr/bin/env node
// Fails when the editor's production JavaScript is over its budget (gzipped).
// Prints the figure: what a first visit downloads (the entry and what it
// imports eagerly) and the total of every chunk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const kBudgetBytes = 300 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const assets = path.join(dist, 'assets');
const gz = (file) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let files;
try {
  files = readdirSync(assets).filter((f) => f.endsWith('.js'));
} catch {
  console.error('size: web/dist is missing; run `npm run build` first');
  process.exit(1);
}
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = [...html.matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]);
const total = files.reduce((sum, f) => sum + gz(f), 0);
const first = entry.reduce((sum, f) => sum + gz(f), 0);
console.log(`size: first load ${kb(first)} gzipped (${entry.join(', ')}); all JavaScript ${kb(total)} gzipped in ${files.length} files; budget ${kb(kBudgetBytes)}`);
if (total > kBudgetBytes) {
  console.error('size: over budget');
  process.exit(1);
}
