import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { handlesFor } from './handles';

const type = (name: string, inputs: string[], outputs: string[]): NodeTypeDescriptor => ({
  type: name,
  category: 'Logic',
  title: name,
  description: '',
  icon: 'box',
  version: 1,
  config_schema: {},
  output_example: {},
  inputs,
  outputs,
});

describe('handlesFor', () => {
  it('gives ordinary blocks one unnamed output, and input blocks no input', () => {
    expect(handlesFor(type('template', ['in'], []), { type: 'template', config: {} })).toEqual({ input: true, outputs: [null] });
    expect(handlesFor(type('input_text', [], []), { type: 'input_text', config: {} }).input).toBe(false);
  });

  it('names the routes of condition, switch and llm_classify', () => {
    expect(handlesFor(type('condition', ['in'], ['true', 'false']), { type: 'condition', config: {} }).outputs).toEqual(['true', 'false']);
    const cases = { cases: [{ name: 'en', equals: 'en' }, { name: 'fr', equals: 'fr' }, { name: 'en', equals: 'x' }] };
    expect(handlesFor(type('switch', ['in'], ['default']), { type: 'switch', config: cases }).outputs).toEqual(['en', 'fr', 'default']);
    const labels = { labels: [{ name: 'billing' }, { name: 'bug' }] };
    expect(handlesFor(type('llm_classify', ['in'], ['other']), { type: 'llm_classify', config: labels }).outputs).toEqual([
      'billing',
      'bug',
      'other',
    ]);
  });

  it('adds an error handle when on_error is branch', () => {
    expect(handlesFor(type('http_request', ['in'], []), { type: 'http_request', config: {}, on_error: 'branch' }).outputs).toEqual([
      null,
      'error',
    ]);
  });
});

describe('edgeTaken', () => {
  it('follows the recorded handles, else the output of a routing block', async () => {
    const { edgeTaken } = await import('../canvas/WeftEdge');
    const done = { status: 'succeeded' as const, attempts: 1, logs: [], tokens: '' };
    expect(edgeTaken({ ...done, output: { value: false } }, 'false')).toBe(true);
    expect(edgeTaken({ ...done, output: { value: false } }, 'true')).toBe(false);
    expect(edgeTaken({ ...done, output: { case: 'fr' } }, 'fr')).toBe(true);
    expect(edgeTaken({ ...done, output: { label: 'bug' } }, 'billing')).toBe(false);
    expect(edgeTaken({ ...done, output: { text: 'x' } }, null)).toBe(true);
    expect(edgeTaken({ ...done, handles: ['default'], output: { case: 'xx' } }, 'default')).toBe(true);
    expect(edgeTaken({ ...done, status: 'failed' }, 'error')).toBe(true);
    expect(edgeTaken({ ...done, status: 'skipped' }, null)).toBe(false);
  });
});
