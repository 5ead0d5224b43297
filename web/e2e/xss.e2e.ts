import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launch, refreshCookie } from './browser';
import { allowPageErrors, watchContext } from './fixtures';
import { setUpOwner, startWeft, type RunningServer } from './server';

allowPageErrors(/404 \(Not Found\) \[[^\]]*\/api\/settings\/providers\/nowhere\/models\]/, 'a planted block names a provider that does not exist');
allowPageErrors(/Content Security Policy/, 'a payload the policy stops is logged by the browser; the spec checks each in `violations`');

const webDir = path.resolve(artifacts, '..', '..');

/**
 * Script payloads in every string a user sees. Each calls `__xss(n)`, a
 * binding the test exposes, with a number saying where it was planted; the
 * spec fails if any is ever called. The tour runs twice: once with the
 * server's Content-Security-Policy bypassed (React's escaping alone must
 * hold), once with it (the page must work under it; a payload it stopped is
 * recorded in e2e/artifacts/xss-csp.json).
 */
const planted = new Map<number, string>();
/** All five forms, for one place (under 200 bytes: names have that limit). */
function payload(where: string, withTemplate = true): string {
  const n = planted.size + 1;
  planted.set(n, where);
  const forms = [
    `<img src=x onerror=__xss(${n})>`,
    `<script>__xss(${n})</script>`,
    `javascript:__xss(${n})`,
    `"><svg onload=__xss(${n})>`,
    // Not in a template's own text: Weft would read it as an expression.
    ...(withTemplate ? [`{{constructor.constructor('__xss(${n})')()}}`] : []),
  ];
  return forms.join(' ');
}

const kOwner = { email: 'xss-owner@example.com', name: payload('owner name'), password: 'xss-owner-passphrase' };
const kMember = { email: 'xss-member@example.com', name: payload('member name'), password: 'xss-member-passphrase' };
const kRun = 'xss-run';
const kFail = 'xss-fail';
const kDraft = 'xss-draft';

describe('script payloads in every string a user sees', () => {
  let weft: RunningServer;
  let token = '';
  let browser: Browser;
  const executions: string[] = [];

  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(weft.url + route, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };

  beforeAll(async () => {
    const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
    weft = await startWeft(binary, path.join(webDir, 'dist'));
    token = await setUpOwner(weft.url, kOwner);

    const input = (id: string) => ({
      id,
      type: 'input_text',
      label: payload(`label of ${id}`),
      config: { name: 'text', label: payload(`input label of ${id}`), description: payload(`input description of ${id}`) },
      position: { x: 0, y: 0 },
    });
    await api('POST', '/api/pipelines', {
      id: kRun,
      name: payload('pipeline name'),
      description: payload('pipeline description'),
      nodes: [
        input('q'),
        { id: 'echo', type: 'template', label: payload('label of echo'), config: { template: `{{ q.text }} ${payload('template text', false)}` }, position: { x: 300, y: 0 } },
        {
          id: 'body',
          type: 'transform',
          label: payload('label of body'),
          config: { value: { status: 200, body: '{{ q.text }}', headers: { 'x-echo': payload('transform header', false) } } },
          position: { x: 300, y: 200 },
        },
        { id: 'out', type: 'output_text', label: payload('label of out'), config: { name: 'answer', text: '{{ echo.text }}' }, position: { x: 600, y: 0 } },
      ],
      edges: [
        { source: 'q', target: 'echo' },
        { source: 'q', target: 'body' },
        { source: 'echo', target: 'out' },
      ],
    });
    await api('POST', '/api/pipelines', {
      id: kFail,
      name: payload('failing pipeline name'),
      nodes: [input('q'), { id: 'call', type: 'http_request', label: payload('label of call'), config: { url: '{{ q.text }}' }, position: { x: 300, y: 0 } }],
      edges: [{ source: 'q', target: 'call' }],
    });
    // A draft with problems: an LLM prompt and a block type that does not exist.
    await api('POST', '/api/pipelines', {
      id: kDraft,
      name: payload('draft name'),
      nodes: [
        { id: 'ask', type: 'llm_chat', label: payload('label of ask'), config: { provider: 'nowhere', model: payload('model name', false), system: payload('system prompt', false), prompt: payload('prompt', false) }, position: { x: 0, y: 0 } },
        { id: 'odd', type: payload('block type'), label: payload('label of odd'), config: {}, position: { x: 300, y: 0 } },
      ],
      edges: [],
    });
    // Runs: inputs and outputs, and an error message that quotes the input.
    for (const [pipeline, label] of [
      [kRun, 'run input'],
      [kFail, 'failing run input'],
    ] as const) {
      const run = await fetch(`${weft.url}/api/pipelines/${pipeline}/run?wait=true`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: payload(label) }),
      });
      const id = run.headers.get('x-execution-id') ?? ((await run.json()) as { execution_id?: string }).execution_id;
      if (id) executions.push(id);
    }
    const listed = await api<{ items: { id: string }[] }>('GET', '/api/executions?limit=10');
    for (const item of listed.items) if (!executions.includes(item.id)) executions.push(item.id);

    for (const [i, kind] of (['bearer', 'api_key'] as const).entries()) {
      const data = kind === 'bearer' ? { token: payload('credential value') } : { key: payload('credential value'), header: 'X-Key' };
      await api('POST', '/api/credentials', { name: payload(`credential name ${i}`), kind, data });
    }
    await api('POST', '/api/api-keys', { name: payload('API key name'), scope: 'full' });
    await api('POST', '/api/api-keys', { name: payload('run key name'), scope: 'run', pipeline_id: kRun });
    const invite = await api<{ token: string }>('POST', '/api/invites', { role: 'viewer' });
    const accepted = await fetch(`${weft.url}/api/auth/invites/${invite.token}/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(kMember),
    });
    if (!accepted.ok) throw new Error(`accept invite: ${accepted.status} ${await accepted.text()}`);
    await api('POST', '/api/invites', { role: 'editor', email: 'xss-later@example.com' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await weft?.stop();
  });

  /** A signed-in page of a fresh context that reports every payload call and every CSP violation. */
  async function open(bypassCSP: boolean, fired: number[], violations: string[], errors: string[]): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP });
    await context.addCookies([await refreshCookie(weft.url, kOwner)]);
    await context.exposeBinding('__xss', (_source, n: number) => void fired.push(n));
    await context.exposeBinding('__csp', (_source, text: string) => void violations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp(text: string): void }).__csp(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
      });
    });
    watchContext(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.setDefaultTimeout(15_000);
    return page;
  }

  /** Every page that shows the planted strings, and the panels behind their clicks. */
  async function tour(page: Page): Promise<string[]> {
    const seen: string[] = [];
    const settle = async (where: string) => {
      await page.waitForTimeout(300); // an <img onerror> would fire once its image failed
      seen.push(where);
    };
    await page.goto(weft.url);
    await page.locator(`[data-pipeline="${kRun}"]`).waitFor();
    await settle('pipelines');

    await page.goto(`${weft.url}/pipelines/${kRun}`);
    await page.getByTestId('node-echo').waitFor();
    for (const node of ['q', 'echo', 'body', 'out']) {
      await page.getByTestId(`node-${node}`).click();
      await settle(`editor: ${node}`);
    }
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByRole('textbox').first().fill(payload('editor run input'));
    await settle('editor: run dialog');
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await settle('editor: outputs');
    for (const node of ['echo', 'body']) {
      await page.getByTestId(`node-${node}`).click();
      await page.getByRole('tab', { name: /Run data/ }).click();
      await settle(`editor: run data of ${node}`);
    }
    await page.goto(`${weft.url}/pipelines/${kRun}/api`);
    await page.getByText('curl').first().waitFor();
    await settle('API tab');

    await page.goto(`${weft.url}/pipelines/${kFail}`);
    await page.getByTestId('node-call').waitFor();
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByRole('textbox').first().fill(payload('failing editor run input'));
    await page.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="failed"]').waitFor();
    await page.getByTestId('node-call').click();
    await settle('editor: error');

    await page.goto(`${weft.url}/pipelines/${kDraft}`);
    await page.getByTestId('node-ask').waitFor();
    await page.getByTestId('node-ask').click();
    await settle('editor: prompt and problems');

    await page.goto(`${weft.url}/executions`);
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    await settle('executions');
    for (const id of executions) {
      await page.goto(`${weft.url}/executions/${id}`);
      await page.getByTestId('output-panel').first().waitFor();
      await settle(`execution ${id}`);
      for (const node of await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))) {
        await page.getByTestId(`node-${node}`).click();
        await settle(`execution ${id}: ${node}`);
      }
    }

    for (const [route, heading] of [
      ['/credentials', 'Credentials'],
      ['/members', 'Members'],
      ['/api-keys', 'API keys'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(weft.url + route);
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      await settle(route);
    }
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menu').waitFor();
    await settle('account menu');
    return seen;
  }

  /** The planted places whose payload ran. */
  const named = (fired: number[]) => [...new Set(fired)].map((n) => `${n}: ${planted.get(n) ?? '?'}`);

  it('runs none of them with the Content-Security-Policy out of the way: the escaping holds on its own', async () => {
    const fired: number[] = [];
    const errors: string[] = [];
    const page = await open(true, fired, [], errors);
    const seen = await tour(page);
    expect(seen.length).toBeGreaterThan(20);
    expect(named(fired)).toEqual([]);
    // The payloads did reach the pages, as text.
    await page.goto(`${weft.url}/api-keys`);
    await expect.poll(() => page.getByRole('main').textContent()).toContain('<img src=x onerror=__xss(');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('runs none of them under the policy, and the editor needs nothing the policy forbids', async () => {
    const fired: number[] = [];
    const violations: string[] = [];
    const errors: string[] = [];
    const page = await open(false, fired, violations, errors);
    const csp = (await page.request.get(weft.url)).headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    await tour(page);
    expect(named(fired)).toEqual([]);
    // A payload the policy stopped still did not run, but its escaping failed: kept for the record.
    const stopped = violations.filter((v) => v.includes('__xss'));
    writeFileSync(path.join(artifacts, 'xss-csp.json'), JSON.stringify({ stopped, violations }, null, 2));
    if (stopped.length) console.warn(`xss: the CSP stopped ${stopped.length} payload(s):`, stopped);
    expect(violations.filter((v) => !v.includes('__xss'))).toEqual([]);
    // The browser logs each violation too; they are all in `violations`.
    expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
    await page.context().close();
  }, 300_000);

  it('the built page has no inline script, so the policy costs the editor nothing', () => {
    const html = readFileSync(path.join(webDir, 'dist', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect((body ?? '').trim(), tag).toBe('');
      expect(tag).toMatch(/src="\/assets\//);
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
