import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startDistServer } from '../scripts/serve-dist.mjs';
import { servesWeb, startWeft } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    apiUrl: string;
  }
}

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the real server (WEFT_BINARY, default ../build/weft) with a fresh
 * data directory, serving the built editor from web/dist. A binary without
 * `--web` gets a small static server in front of it instead.
 */
export default async function setup(project: TestProject) {
  const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
  const dist = path.join(webDir, 'dist');
  if (!existsSync(binary)) throw new Error(`no weft binary at ${binary} (set WEFT_BINARY)`);
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  mkdirSync(path.join(webDir, 'e2e', 'artifacts'), { recursive: true });

  const native = servesWeb(binary);
  const weft = await startWeft(binary, native ? dist : null);
  let front: { server: { close(cb: () => void): void }; url: string } | null = null;
  if (!native) {
    front = await startDistServer({ backend: weft.url, dist });
  }
  const baseUrl = front?.url ?? weft.url;
  console.log(`e2e: weft at ${weft.url}${native ? ' (serving web/dist)' : `, editor at ${baseUrl} (static front)`}`);
  project.provide('baseUrl', baseUrl);
  project.provide('apiUrl', weft.url);

  return async () => {
    await new Promise<void>((resolve) => (front ? front.server.close(() => resolve()) : resolve()));
    await weft.stop();
  };
}
