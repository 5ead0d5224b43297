import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ExecutionSummary, Page as ListPage } from '../src/shared/api/types';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';

/**
 * Issue 12's files in the editor: a file chosen in the run form is uploaded
 * and run; the files the run made, and the one it was given, download
 * byte-exact from their chips, on the canvas and on the execution page. And
 * a pipeline's error pipeline is chosen in its settings and runs when it fails.
 */
const base = inject('baseUrl');
const id = 'file-report';

/** A CSV with a quoted comma, a non-ASCII name and CRLF line ends: bytes a careless path would change. */
const kUpload = { name: 'ventes-été.csv', mimeType: 'text/csv', buffer: Buffer.from('région,total\r\n"Nord, est",12\r\nSud,7\r\n') };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Clicks a download chip and answers the name the browser saves it under and its bytes. */
async function download(page: Page, chip: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), chip.click()]);
  const where = await saved.path();
  return { name: saved.suggestedFilename(), bytes: await readFile(where) };
}

describe('files in the editor', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'File report',
      nodes: [
        { id: 'doc', type: 'input_file', config: { name: 'doc', label: 'Sales sheet', accept: ['.csv', 'text/*'], max_bytes: 4096 }, position: { x: 0, y: 0 } },
        {
          id: 'report',
          type: 'output_file',
          config: {
            name: 'report',
            format: 'text',
            file_name: 'report-{{ doc.file.name }}.txt',
            content: 'Received {{ doc.file.name }}: {{ doc.file.size }} bytes, sha256 {{ doc.file.sha256 }}\n',
          },
          position: { x: 340, y: 0 },
        },
        {
          id: 'rows',
          type: 'transform',
          config: { value: [{ name: '{{ doc.file.name }}', size: '{{ doc.file.size }}', sha256: '{{ doc.file.sha256 }}' }] },
          position: { x: 340, y: 200 },
        },
        { id: 'listing', type: 'output_file', config: { name: 'listing', format: 'csv', file_name: 'files.csv' }, position: { x: 680, y: 200 } },
      ],
      edges: [
        { source: 'doc', target: 'report' },
        { source: 'doc', target: 'rows' },
        { source: 'rows', target: 'listing' },
      ],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs with a file chosen in the run form, and the files of the run download byte-exact', async () => {
    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-report').waitFor();
    await page.getByTestId('run').click();
    const form = page.getByRole('dialog', { name: 'Run pipeline' });
    const picker = form.getByLabel(/Sales sheet/);
    expect(await picker.getAttribute('accept')).toBe('.csv,text/*');
    await form.getByText('.csv, text/* · up to 4.0 KB').waitFor();

    // Too large: refused in the form, naming the field, before any upload.
    await picker.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5000, 'a') });
    await form.getByText('Sales sheet: big.csv is 4.9 KB; at most 4.0 KB is allowed.').waitFor();
    await form.getByTestId('run-submit').click();
    await form.getByText('Sales sheet: big.csv is 4.9 KB; at most 4.0 KB is allowed.').waitFor();

    await picker.setInputFiles(kUpload);
    await form.getByText(`${kUpload.name} · ${kUpload.buffer.length} B`).waitFor();
    await shot(page, '56-run-form-file');
    await form.getByTestId('run-submit').click();
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();

    const outputs = page.getByTestId('output-details');
    const report = outputs.getByRole('button', { name: new RegExp(`report-${kUpload.name}`) });
    await report.waitFor();
    await shot(page, '57-file-outputs');
    const made = await download(page, report);
    expect(made.name).toBe(`report-${kUpload.name}.txt`);
    expect(made.bytes.toString('utf8')).toBe(`Received ${kUpload.name}: ${kUpload.buffer.length} bytes, sha256 ${sha256(kUpload.buffer)}\n`);

    const listing = await download(page, outputs.getByRole('button', { name: /files\.csv/ }));
    expect(listing.name).toBe('files.csv');
    expect(listing.bytes.toString('utf8')).toBe(`name,size,sha256\r\n${kUpload.name},${kUpload.buffer.length},${sha256(kUpload.buffer)}\r\n`);

    // The file the run was given, from the File input's output: the very bytes chosen.
    await page.locator('[data-step="doc"]').click();
    const given = await download(page, outputs.getByRole('button', { name: new RegExp(kUpload.name) }).first());
    expect(given.name).toBe(kUpload.name);
    expect(given.bytes.equals(kUpload.buffer)).toBe(true);
  });

  it('offers the same downloads on the execution page, and the run form offers the last file again', async () => {
    await page.getByRole('link', { name: /^ex_/ }).click();
    await page.waitForURL(/\/executions\/ex_/);
    const outputs = page.getByTestId('output-details');
    const made = await download(page, outputs.getByRole('button', { name: new RegExp(`report-${kUpload.name}`) }));
    expect(made.bytes.toString('utf8')).toContain(sha256(kUpload.buffer));
    await shot(page, '58-execution-file');

    await page.goto(`${base}/pipelines/${id}`);
    await page.getByTestId('node-report').waitFor();
    await page.getByTestId('run').click();
    const form = page.getByRole('dialog', { name: 'Run pipeline' });
    // The editor shows the last run: its file is offered again and a run reuses it.
    await form.getByText(`Last run’s file: ${kUpload.name} · ${kUpload.buffer.length} B`).waitFor();
    await form.getByTestId('run-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    const again = await download(page, page.getByTestId('output-details').getByRole('button', { name: new RegExp(`report-${kUpload.name}`) }));
    expect(again.bytes.toString('utf8')).toContain(sha256(kUpload.buffer));
  });

  it('chooses an error pipeline in the settings; a failing run starts it', async () => {
    await createPipeline(base, {
      id: 'file-alerts',
      name: 'Failure alerts',
      nodes: [
        { id: 'failure', type: 'input_json', config: { name: 'failure' }, position: { x: 0, y: 0 } },
        { id: 'say', type: 'output_text', config: { name: 'said', text: '{{ failure.json.pipeline_id }} failed' }, position: { x: 320, y: 0 } },
      ],
      edges: [{ source: 'failure', target: 'say' }],
    });
    await createPipeline(base, {
      id: 'file-failing',
      name: 'Failing call',
      nodes: [{ id: 'call', type: 'http_request', config: { url: 'http://127.0.0.1:9/never' }, position: { x: 0, y: 0 } }],
      edges: [],
    });
    await page.goto(`${base}/pipelines/file-failing`);
    await page.getByTestId('node-call').waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pipeline settings' });
    const select = dialog.getByLabel('Error pipeline');
    expect(await select.inputValue()).toBe('');
    await dialog.getByRole('option', { name: 'Failure alerts (file-alerts)' }).waitFor({ state: 'attached' });
    expect(await select.locator('option', { hasText: 'file-failing' }).count()).toBe(0);
    await select.selectOption('file-alerts');
    await shot(page, '59-error-pipeline-setting');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('Published · version 2');

    await page.getByTestId('run').click();
    await page.locator('[data-testid="output-panel"][data-run-status="failed"]').waitFor();
    const started = () =>
      apiCall<ListPage<ExecutionSummary>>(base, 'GET', '/api/executions?pipeline_id=file-alerts&trigger=error_pipeline').then((p) => p.items.length);
    await expect.poll(started, { timeout: 15_000 }).toBe(1);
  });
});
