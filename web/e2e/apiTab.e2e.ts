import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPipeline } from './api';
import { launch, openPage, shot } from './browser';

const base = inject('baseUrl');
const id = 'haiku-api';

describe('the API tab', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await createPipeline(base, {
      id,
      name: 'Haiku API',
      nodes: [
        { id: 'topic', type: 'input_text', config: { name: 'topic', label: 'Topic', default: 'owls' }, position: { x: 0, y: 0 } },
        { id: 'line', type: 'template', config: { template: 'A poem about {{ topic.text }}' }, position: { x: 300, y: 0 } },
        { id: 'out', type: 'output_text', config: { name: 'poem', text: '{{ line.text }}' }, position: { x: 600, y: 0 } },
      ],
      edges: [
        { source: 'topic', target: 'line' },
        { source: 'line', target: 'out' },
      ],
    });
    browser = await launch();
    page = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the endpoint, a curl command that works, and the input schema', async () => {
    await page.goto(`${base}/pipelines/${id}/api`);
    const endpoint = await page.getByTestId('api-endpoint').textContent();
    expect(endpoint).toBe(`${base}/api/pipelines/${id}/run`);
    const curl = (await page.getByTestId('api-curl').textContent()) ?? '';
    expect(curl).toContain('"topic":"owls"');
    const schema = JSON.parse((await page.getByTestId('api-schema').textContent()) ?? '{}') as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(['topic']);
    await expect.poll(() => page.getByTestId('api-auth').textContent()).toContain('Authorization: Bearer');
    await shot(page, '14-api-tab');

    const key = inject('apiKey');
    if (key) expect(curl).toContain('Authorization: Bearer $WEFT_API_KEY');
    const env = { ...process.env, WEFT_API_KEY: key ?? '' };
    const answer = JSON.parse(execFileSync('bash', ['-c', curl], { encoding: 'utf8', env })) as {
      status: string;
      outputs: Record<string, string>;
    };
    expect(answer.status).toBe('succeeded');
    expect(answer.outputs.poem).toBe('A poem about owls');
  });
});
