import { describe, expect, it } from 'vitest';
import type { HandleRule, JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import { handlesFor } from './handles';

const type = (name: string, inputs: string[], output_handles: HandleRule[] = []): NodeTypeDescriptor => ({
  type: name,
  category: 'Logic',
  title: name,
  description: '',
  icon: 'box',
  version: 1,
  config_schema: {},
  output_example: {},
  inputs,
  outputs: output_handles.flatMap((r) => (r.name ? [r.name] : [])),
  output_handles,
  chosen_handle: output_handles.length > 0 ? '/chosen' : null,
  run_inputs: [],
});

describe('handlesFor', () => {
  it('gives ordinary blocks one unnamed output, and blocks without inputs no input', () => {
    expect(handlesFor(type('a', ['in']), { type: 'a', config: {} })).toEqual({ input: true, outputs: [null] });
    expect(handlesFor(type('b', []), { type: 'b', config: {} }).input).toBe(false);
  });

  it('names the handles its type declares, from fixed names and from config lists', () => {
    const fixed = type('yes-no', ['in'], [{ name: 'true' }, { name: 'false' }]);
    expect(handlesFor(fixed, { type: 'yes-no', config: {} }).outputs).toEqual(['true', 'false']);
    // A type the editor has never heard of: the rules alone decide.
    const listed = type('router', ['in'], [{ each: '/routes', name_at: '/id' }, { name: 'rest' }]);
    const config: JsonObject = { routes: [{ id: 'en' }, { id: 'fr' }, { id: 'en' }, { other: 1 }] };
    expect(handlesFor(listed, { type: 'router', config }).outputs).toEqual(['en', 'fr', 'rest']);
  });

  it('adds an error handle when on_error is branch', () => {
    expect(handlesFor(type('c', ['in']), { type: 'c', config: {}, on_error: 'branch' }).outputs).toEqual([null, 'error']);
  });
});

describe('edgeTaken', () => {
  it('follows the handles a node chose, else its unnamed output, as the engine does', async () => {
    const { edgeTaken } = await import('../canvas/WeftEdge');
    const done = { status: 'succeeded' as const, attempts: 1, logs: [], tokens: '' };
    expect(edgeTaken({ ...done, handles: ['false'], output: { value: false } }, 'false')).toBe(true);
    expect(edgeTaken({ ...done, handles: ['false'], output: { value: false } }, 'true')).toBe(false);
    expect(edgeTaken({ ...done, handles: ['bug'] }, 'billing')).toBe(false);
    expect(edgeTaken({ ...done, output: { text: 'x' } }, null)).toBe(true);
    expect(edgeTaken({ ...done, output: { label: 'bug' } }, 'bug')).toBe(false);
    expect(edgeTaken({ ...done, status: 'failed' }, 'error')).toBe(true);
    expect(edgeTaken({ ...done }, 'error')).toBe(false);
    expect(edgeTaken({ ...done, status: 'skipped' }, null)).toBe(false);
  });
});
