import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trigger } from '../src/shared/api/triggerTypes';
import { apiCall, createPipeline } from './api';
import { launch, openPage, shot } from './browser';

/**
 * Issue 12's browser acceptance: a schedule shows its next fire times
 * before and after it is saved; a webhook's shown curl command starts a run
 * that appears live in the executions list; a shared form opens in a fresh,
 * signed-out browser, takes a file and shows the answer.
 */
const base = inject('baseUrl');
const echo = 'trg-echo';
const form = 'trg-form';

const triggersOf = async (pipeline: string) =>
  (await apiCall<{ triggers: Trigger[] }>(base, 'GET', `/api/triggers?pipeline_id=${pipeline}`)).triggers;

describe('triggers', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id: echo,
      name: 'Trigger echo',
      nodes: [
        { id: 'topic', type: 'input_text', config: { name: 'topic', label: 'Topic', default: 'owls' }, position: { x: 0, y: 0 } },
        { id: 'out', type: 'output_text', config: { name: 'answer', text: 'About {{ topic.text }}' }, position: { x: 320, y: 0 } },
      ],
      edges: [{ source: 'topic', target: 'out' }],
    });
    await createPipeline(base, {
      id: form,
      name: 'Read my file',
      description: 'Send a topic and a file.',
      nodes: [
        { id: 'topic', type: 'input_text', config: { name: 'topic', label: 'Topic' }, position: { x: 0, y: 0 } },
        { id: 'doc', type: 'input_file', config: { name: 'doc', label: 'Document' }, position: { x: 0, y: 200 } },
        { id: 'out', type: 'output_text', config: { name: 'answer', text: 'Thanks about {{ topic.text }}' }, position: { x: 320, y: 0 } },
      ],
      edges: [
        { source: 'topic', target: 'out' },
        { source: 'doc', target: 'out' },
      ],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a schedule from a preset and shows its next five fire times, before and after saving; pauses and deletes it', async () => {
    await page.goto(`${base}/pipelines/${echo}/triggers`);
    await page.getByTestId('no-triggers').waitFor();
    await page.getByTestId('add-schedule').click();
    const draft = page.getByRole('article', { name: 'Schedule trigger' });
    await draft.getByLabel('Repeat').selectOption('minutes');
    await draft.getByLabel('Every').selectOption('5');
    await draft.getByLabel('Time zone').selectOption('Europe/Berlin');
    await expect.poll(() => draft.getByTestId('fire-times').locator('li').count()).toBe(5);
    await shot(page, '40-schedule-draft');
    await draft.getByTestId('trigger-save').click();

    const saved = page.locator('article[data-kind="schedule"]:not([data-trigger="new"])');
    await expect.poll(() => saved.getByTestId('fire-times').locator('li').count()).toBe(5);
    expect(await saved.getByTestId('trigger-summary').textContent()).toBe('Every 5 minutes · Europe/Berlin');
    const [stored] = await triggersOf(echo);
    expect(stored?.config).toEqual({ cron: '*/5 * * * *', timezone: 'Europe/Berlin', missed: 'skip' });
    expect(stored?.next_fire_times?.map((t) => new Date(t).getUTCMinutes() % 5)).toEqual([0, 0, 0, 0, 0]);

    await saved.getByRole('switch', { name: 'Enabled' }).click();
    await saved.getByText('Paused: nothing fires until it is resumed.').waitFor();
    expect((await triggersOf(echo))[0]?.enabled).toBe(false);
    await saved.getByRole('button', { name: 'Delete trigger' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('no-triggers').waitFor();
    expect(await triggersOf(echo)).toEqual([]);
  });

  it("creates a webhook, and the curl command it shows starts a run that appears live in the executions list", async () => {
    await page.goto(`${base}/pipelines/${echo}/triggers`);
    await page.getByTestId('add-webhook').click();
    await page.getByTestId('trigger-save').click();
    const curl = (await page.getByTestId('webhook-curl').textContent()) ?? '';
    const url = (await page.getByTestId('trigger-url').textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${base}/hooks/\\S+$`));
    expect(curl).toContain(url);
    expect(curl).toContain('{"topic":"owls"}');
    await shot(page, '41-webhook');

    await page.goto(`${base}/executions?pipeline=${echo}`);
    await page.getByRole('heading', { name: 'Executions' }).waitFor();
    const answer = JSON.parse(execFileSync('bash', ['-c', curl], { encoding: 'utf8' })) as { execution_id: string };
    expect(answer.execution_id).toMatch(/^ex_/);
    const row = page.locator(`tr[data-execution="${answer.execution_id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-trigger]').getAttribute('data-trigger')).toBe('webhook');
    await page.getByLabel('Filter by trigger').selectOption('webhook');
    await row.waitFor();
    expect(await page.locator('tr[data-execution]').count()).toBe(1);
  });

  it('shares a pipeline as a form: a signed-out browser opens the link, submits a file and sees the answer', async () => {
    await page.goto(`${base}/pipelines/${form}/triggers`);
    await page.getByTestId('add-form').click();
    await page.getByRole('article', { name: 'Form trigger' }).getByLabel('Title').fill('Read my file');
    await page.getByTestId('trigger-save').click();
    const link = (await page.getByTestId('trigger-url').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${base}/f/\\S+$`));

    const stranger = await openPage(browser, [], false);
    await stranger.setViewportSize({ width: 390, height: 844 });
    await stranger.goto(link);
    await stranger.getByRole('heading', { name: 'Read my file' }).waitFor();
    await stranger.getByLabel(/Topic/).fill('owls');
    await stranger.getByLabel(/Document/).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hoot hoot') });
    await shot(stranger, '42-form-phone');
    await stranger.getByTestId('form-submit').click();
    const done = stranger.getByTestId('form-answer');
    await expect.poll(() => done.textContent(), { timeout: 15_000 }).toContain('Thanks about owls');
    await shot(stranger, '43-form-answer');
    await stranger.context().close();

    await page.reload();
    await expect.poll(() => page.getByTestId('fire-count').textContent()).toBe('1 submission');
  });
});
