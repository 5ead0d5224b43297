import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Waits for the `"message":"serving"` JSON log line on stderr and returns its url. */
function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`weft did not start within ${timeoutMs} ms:\n${buffer}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (!line.includes('"serving"')) continue;
        try {
          const entry = JSON.parse(line) as { url?: string };
          if (entry.url) {
            clearTimeout(timer);
            resolve(entry.url);
            return;
          }
        } catch {
          // a partial line; wait for more
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`weft exited with ${code}:\n${buffer}`));
    });
  });
}

/** Starts `weft serve` on a free port with a new data directory. */
export async function startWeft(binary: string, web: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const data = mkdtempSync(path.join(tmpdir(), 'weft-e2e-'));
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, '--web', web];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const url = await waitForUrl(child, 20_000);
  // Keep draining the access log so the pipe never fills.
  child.stderr?.on('data', () => {});
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(data, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
      }),
  };
}

export interface Account {
  email: string;
  name: string;
  password: string;
}

/** Creates the first owner of a new server through `POST /api/auth/setup`; returns its access token. */
export async function setUpOwner(url: string, owner: Account): Promise<string> {
  const response = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (!response.ok) throw new Error(`setup: ${response.status} ${await response.text()}`);
  return String(((await response.json()) as { access_token: unknown }).access_token);
}
