import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, connect, dropBlock, edgeCount, launch, nodeIds, openPage, shot, signIn } from './browser';
import { allowPageErrors } from './fixtures';
import { setUpOwner, startWeft, type RunningServer } from './server';

allowPageErrors(/401 \(Unauthorized\) \[[^\]]*\/api\/auth\/refresh\]/, 'pages opened signed out: the editor asks for a session and hears there is none');
allowPageErrors(/503 \(Service Unavailable\) \[[^\]]*\/api\/settings\/providers\/ollama\/models\]/, 'the environment’s ollama points where nothing listens: its model list is refused');
allowPageErrors(/422 \(Unprocessable Entity\) \[[^\]]*\/api\/settings\/providers\]/, 'a member’s loopback provider is refused on purpose');

const webDir = path.resolve(artifacts, '..', '..');
const kOwner = { email: 'llm-owner@example.com', name: 'LLM Owner', password: 'llm-owner-passphrase' };
/** Signs up once the owner opens sign-up: owner of a workspace of its own, not a server admin. */
const kMember = { email: 'llm-member@example.com', name: 'LLM Member', password: 'llm-member-passphrase' };
/** The server provider the owner adds on the Server page, pointing at the stub. */
const kProvider = 'gpu-box';
/** Where the environment's `ollama` points: nothing listens there, so only the server provider answers. */
const kNoOllama = 'http://127.0.0.1:9';
const kQuestion = 'How does Weft answer?';
/** The reply, one Ollama stream line per piece; short enough that the node preview (90 characters) shows all of it. */
const kTokens = ['Weft', ' streams', ' this', ' answer', ' one', ' token', ' at', ' a', ' time', '.'];
const kAnswer = kTokens.join('');
/** Far enough apart that the browser sees the answer grow. */
const kTokenGapMs = 150;
const kModels = ['llama3:latest', 'qwen2:7b'];

interface ChatRequest {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
}

/**
 * A stand-in for Ollama speaking its wire protocol
 * (https://github.com/ollama/ollama/blob/main/docs/api.md): `GET /api/tags`
 * lists `kModels`; `POST /api/chat` answers `kAnswer`, as NDJSON lines
 * `kTokenGapMs` apart when `stream` is true, as one object otherwise.
 */
function ollamaStub(chats: ChatRequest[], tags: { count: number }): Server {
  const created = () => new Date().toISOString();
  const final = (model: string) => ({
    model,
    created_at: created(),
    done: true,
    done_reason: 'stop',
    total_duration: 1_500_000_000,
    load_duration: 1_000_000,
    prompt_eval_count: 12,
    prompt_eval_duration: 10_000_000,
    eval_count: kTokens.length,
    eval_duration: 1_400_000_000,
  });
  const chat = async (request: ChatRequest, res: ServerResponse) => {
    if (!request.stream) {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ ...final(request.model), message: { role: 'assistant', content: kAnswer } }));
      return;
    }
    res.setHeader('Content-Type', 'application/x-ndjson');
    for (const content of kTokens) {
      res.write(`${JSON.stringify({ model: request.model, created_at: created(), message: { role: 'assistant', content }, done: false })}\n`);
      await new Promise((resolve) => setTimeout(resolve, kTokenGapMs));
    }
    res.end(`${JSON.stringify({ ...final(request.model), message: { role: 'assistant', content: '' } })}\n`);
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/api/tags') {
        tags.count += 1;
        res.setHeader('Content-Type', 'application/json');
        const models = kModels.map((name, i) => ({
          name,
          model: name,
          modified_at: '2026-01-01T00:00:00Z',
          size: 1,
          digest: `sha256:${i}`,
          details: { format: 'gguf', family: name.split(':')[0] },
        }));
        res.end(JSON.stringify({ models }));
        return;
      }
      if (req.method === 'POST' && req.url === '/api/chat') {
        const request = JSON.parse(body) as ChatRequest;
        chats.push(request);
        if (!kModels.includes(request.model)) {
          res.statusCode = 404;
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({ error: `model '${request.model}' not found` }));
          return;
        }
        void chat(request, res);
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: `no ${req.method} ${req.url}` }));
    });
  });
}

/**
 * An LLM block end to end on a server of its own whose Ollama is a stub on
 * loopback: the first account (a server admin) adds it as a server provider
 * on the Server page (a workspace's own provider may not point at loopback),
 * then the live model list in the block's model picker, the answer streaming
 * into the canvas and the run's token usage. Last, a second account sees the
 * server provider by name and kind only, and no Server page.
 */
describe('an LLM chat block with a live model list and streaming', () => {
  let weft: RunningServer;
  let ollama: Server;
  let ollamaUrl = '';
  const chats: ChatRequest[] = [];
  const tags = { count: 0 };
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ollama = ollamaStub(chats, tags);
    await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
    ollamaUrl = `http://127.0.0.1:${(ollama.address() as AddressInfo).port}`;
    const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
    // No WEFT_ALLOW_NETWORKS: a server provider's host is admitted for LLM calls (docs/llm.md).
    weft = await startWeft(binary, path.join(webDir, 'dist'), { OLLAMA_HOST: kNoOllama });
    await setUpOwner(weft.url, kOwner);
    browser = await launch();
    page = await openPage(browser, errors, false);
    await signIn(page, weft.url, kOwner);
  });
  afterAll(async () => {
    await browser?.close();
    await weft?.stop();
    await new Promise<void>((resolve) => (ollama ? ollama.close(() => resolve()) : resolve()));
  });

  it('offers the first account, a server admin, the Server page, where it adds the stub as a server provider', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server' }).click();
    await page.getByRole('heading', { name: 'Server', exact: true }).waitFor();
    const environment = page.getByRole('table', { name: 'Providers from the environment' });
    const row = environment.getByRole('row').filter({ hasText: kNoOllama });
    await row.waitFor();
    await expect.poll(() => row.getByRole('cell').allTextContents()).toEqual(['ollama', 'ollama', kNoOllama, '—']);

    const here = page.getByRole('region', { name: 'Server providers set here' });
    await here.getByRole('button', { name: 'Add provider' }).click();
    await here.getByLabel('Name').fill(kProvider);
    await here.getByLabel('Kind').selectOption('ollama');
    await here.getByLabel('Base URL').fill(ollamaUrl);
    await here.getByRole('button', { name: 'Save providers' }).click();
    await page.getByText('Server providers saved', { exact: true }).waitFor();
    await shot(page, '35-llm-provider');
  });

  it('opens sign-up on the Server page, and a second account signs up', async () => {
    const signUp = page.getByRole('switch', { name: 'Open sign-up' });
    await expect.poll(() => signUp.getAttribute('aria-checked')).toBe('false');
    await signUp.click();
    await expect.poll(() => signUp.getAttribute('aria-checked')).toBe('true');
    const response = await fetch(`${weft.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(kMember),
    });
    expect(response.status).toBe(201);
  });

  it('lists the server providers by name and kind in Settings, with the way to the Server page', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const table = page.getByRole('table', { name: 'Server providers' });
    await table.getByRole('row').filter({ hasText: kProvider }).waitFor();
    await expect.poll(() => serverRows(page)).toEqual([
      [kProvider, 'ollama', ''],
      ['ollama', 'ollama', ''],
    ]);
    await page.getByRole('link', { name: 'Server page' }).waitFor();
  });

  it('drags input → LLM chat → output onto a new canvas and connects them', async () => {
    await page.getByRole('link', { name: 'Pipelines' }).click();
    await page.getByRole('button', { name: 'New pipeline', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Ask the model');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/pipelines\/ask-the-model$/);
    await dropBlock(page, 'input_text', 130, 260);
    await dropBlock(page, 'llm_chat', 410, 260);
    await dropBlock(page, 'output_text', 690, 260);
    await expect.poll(() => nodeIds(page)).toEqual(['input_text_1', 'llm_chat_1', 'output_text_1']);
    await connect(page, 'input_text_1', 'llm_chat_1');
    await connect(page, 'llm_chat_1', 'output_text_1');
    await expect.poll(() => edgeCount(page)).toBe(2);
  });

  it('picks qwen2:7b from the provider’s live model list and saves', async () => {
    await page.getByTestId('node-input_text_1').click();
    await page.locator('#cfg-input_text_1-label').fill('Question');

    const before = tags.count;
    await page.getByTestId('node-llm_chat_1').click();
    // The provider is a choice among the configured ones, each marked with its level, the default chosen.
    const providerField = page.locator('#cfg-llm_chat_1-provider');
    await expect
      .poll(async () => (await providerField.evaluate((select: HTMLSelectElement) => [...select.options].map((o) => o.textContent ?? ''))).sort())
      .toEqual([`${kProvider} (server)`, 'ollama (server)']);
    await expect.poll(() => providerField.inputValue()).toBe('ollama');
    // Nothing listens where the environment's ollama points: the picker says so and still takes a name.
    await page.getByTestId('models-error').waitFor();
    await providerField.selectOption(kProvider);
    const model = page.locator('#cfg-llm_chat_1-model');
    await page.getByText(`2 models from ${kProvider}; pick one or type a name.`).waitFor();
    expect(tags.count).toBeGreaterThan(before);
    await expect
      .poll(() => model.evaluate((input: HTMLInputElement) => [...(input.list?.options ?? [])].map((o) => o.value)))
      .toEqual(kModels);
    await expect.poll(() => model.getAttribute('placeholder')).toBe('llama3:latest');
    // The suggestions are a <datalist>, whose popup headless Chromium never opens: take the
    // suggestion's own value, as choosing it would.
    const suggestion = page.locator(`datalist[id="${await model.getAttribute('list')}"] option[value="qwen2:7b"]`);
    await model.fill((await suggestion.getAttribute('value')) ?? '');
    await expect.poll(() => model.inputValue()).toBe('qwen2:7b');
    await page.getByText(`2 models from ${kProvider}; pick one or type a name.`).scrollIntoViewIfNeeded();
    await shot(page, '36-model-picker');

    await page.getByTestId('node-output_text_1').click();
    await page.locator('#cfg-output_text_1-name').fill('answer');
    await page.locator('#cfg-output_text_1-text').fill('{{ llm_chat_1.text }}');
    await page.keyboard.press('Control+s');
    await page.getByTestId('save-state').getByText(/Published · version/).waitFor();
    await page.getByTestId('problems').getByText('Valid').waitFor();
    await page.getByRole('button', { name: 'Close panel' }).click();
  });

  it('runs it and shows the answer streaming in, then the whole answer and its tokens', async () => {
    await page.getByTestId('run').click();
    await page.getByRole('dialog').getByLabel('Question').fill(kQuestion);
    await page.getByTestId('run-submit').click();

    // Sample the block while it runs: its preview must show a growing beginning of the answer.
    const partials = new Set<string>();
    await expect
      .poll(
        async () => {
          const { status, text } = await page.getByTestId('node-llm_chat_1').evaluate((el) => ({
            status: el.getAttribute('data-status'),
            text: el.querySelector('[data-testid="node-preview-llm_chat_1"]')?.textContent ?? '',
          }));
          if (status === 'running' && text.length > 0 && text.length < kAnswer.length && kAnswer.startsWith(text)) {
            partials.add(text);
          }
          return partials.size;
        },
        { timeout: 10_000, interval: 40 },
      )
      .toBeGreaterThanOrEqual(2);
    // For the picture only: the step's output shows the stream too, if it is still running.
    await page.locator('[data-step="llm_chat_1"]').click();
    await shot(page, '37-llm-streaming');

    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await page.locator('[data-testid="node-llm_chat_1"][data-status="succeeded"]').waitFor();
    await expect.poll(() => page.getByTestId('node-preview-llm_chat_1').textContent()).toBe(kAnswer);
    await expect.poll(() => page.getByTestId('output-details').textContent()).toContain(kAnswer);
    await expect.poll(() => page.getByTestId('run-usage').textContent()).toBe('12 in · 10 out tokens');
    await shot(page, '38-llm-finished');

    expect(chats).toHaveLength(1);
    expect(chats[0]?.model).toBe('qwen2:7b');
    expect(chats[0]?.stream).toBe(true);
    expect(chats[0]?.messages).toEqual([{ role: 'user', content: kQuestion }]);
  });

  it('shows the same output and usage on the execution page', async () => {
    await page.getByRole('link', { name: /^ex_/ }).click();
    await page.waitForURL(/\/executions\/ex_/);
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await expect.poll(() => page.getByTestId('run-usage').textContent()).toBe('12 in · 10 out tokens');
    await page.locator('[data-step="llm_chat_1"]').click();
    await expect.poll(() => page.getByTestId('output-details').textContent()).toContain('qwen2:7b');
  });

  it('shows a second account, not a server admin, the server provider by name and kind only, and no Server page', async () => {
    const member = await openPage(browser, errors, false);
    await signIn(member, weft.url, kMember);
    await member.goto(`${weft.url}/server`);
    await member.getByText('Server admins only').waitFor();
    await expect.poll(() => member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server' }).count()).toBe(0);

    await member.getByRole('link', { name: 'Settings' }).click();
    await member.getByRole('table', { name: 'Server providers' }).getByRole('row').filter({ hasText: kProvider }).waitFor();
    await expect.poll(() => serverRows(member)).toEqual([
      [kProvider, 'ollama', ''],
      ['ollama', 'ollama', ''],
    ]);
    const shown = (await member.getByRole('main').textContent()) ?? '';
    expect(shown).not.toContain(ollamaUrl);
    expect(shown).not.toContain(kNoOllama);
    expect(await member.getByRole('link', { name: 'Server page' }).count()).toBe(0);

    // Its own workspace's providers are its to edit, but loopback is refused there without the operator's permission.
    const own = member.getByRole('region', { name: "This workspace's providers" });
    await own.getByRole('button', { name: 'Add provider' }).click();
    await own.getByLabel('Name').fill('mine');
    await own.getByLabel('Kind').selectOption('ollama');
    await own.getByLabel('Base URL').fill(ollamaUrl);
    const asked = tags.count;
    await own.getByRole('button', { name: 'Save providers' }).click();
    await own.getByRole('alert').waitFor();
    await expect.poll(() => own.getByLabel('Base URL').getAttribute('aria-invalid')).toBe('true');
    await shot(member, '35-member-settings');
    expect(tags.count).toBe(asked);
    await member.context().close();
    expect(errors).toEqual([]);
  });
});

/** The rows of the Settings page's server providers, by name. */
async function serverRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: 'Server providers' }).getByRole('row');
  const cells = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return cells.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
