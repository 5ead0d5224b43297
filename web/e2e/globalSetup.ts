import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startWeft } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The owner's sign-in, or null when the server has no accounts. */
    owner: { email: string; password: string } | null;
    /** A full-scope API key for setting things up from the tests, or null. */
    apiKey: string | null;
  }
}

const kOwner = { email: 'owner@example.com', password: 'e2e-owner-password', name: 'Owner' };

/** Creates the first owner on the new data directory and an API key for the tests. */
async function setUpAccounts(url: string): Promise<{ owner: typeof kOwner | null; apiKey: string | null }> {
  const probe = await fetch(`${url}/api/auth/setup`);
  if (probe.status === 404 || probe.status === 405) return { owner: null, apiKey: null };
  const post = async (path: string, body: object, token?: string) => {
    const response = await fetch(url + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const { needs_setup } = (await probe.json()) as { needs_setup: boolean };
  const session = needs_setup ? await post('/api/auth/setup', kOwner) : await post('/api/auth/login', kOwner);
  const key = await post('/api/api-keys', { name: 'e2e', scope: 'full' }, String(session.access_token));
  return { owner: kOwner, apiKey: String(key.key) };
}

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the real server (WEFT_BINARY, default ../build/weft) with a fresh
 * data directory, serving the built editor from web/dist.
 */
export default async function setup(project: TestProject) {
  const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
  const dist = path.join(webDir, 'dist');
  if (!existsSync(binary)) throw new Error(`no weft binary at ${binary} (set WEFT_BINARY)`);
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  mkdirSync(path.join(webDir, 'e2e', 'artifacts'), { recursive: true });

  const weft = await startWeft(binary, dist);
  console.log(`e2e: weft at ${weft.url}, serving web/dist`);
  const accounts = await setUpAccounts(weft.url);
  project.provide('baseUrl', weft.url);
  project.provide('owner', accounts.owner ? { email: accounts.owner.email, password: accounts.owner.password } : null);
  project.provide('apiKey', accounts.apiKey);

  return () => weft.stop();
}
