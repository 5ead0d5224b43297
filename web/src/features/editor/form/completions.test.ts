import { describe, expect, it } from 'vitest';
import type { Json, JsonObject, NodeTypeDescriptor, RunInputRule } from '../../../shared/api/types';
import { completionsFor, openHole } from './completions';

const kTextInput: RunInputRule = { type: 'string', name_at: '/name' };
const kListInput: RunInputRule = { each: '/fields', name_at: '/key' };

const types = new Map<string, NodeTypeDescriptor>(
  (
    [
      ['input_text', { text: 'Hello' }, [kTextInput]],
      ['form', {}, [kListInput]],
      ['http_request', { status: 200, body: { items: [] } }, []],
      ['template', { text: '…' }, []],
    ] as [string, Json, RunInputRule[]][]
  ).map(([type, output_example, run_inputs]) => [
    type,
    {
      type,
      category: 'Logic',
      title: type,
      description: '',
      icon: 'box',
      version: 1,
      config_schema: {},
      output_example,
      inputs: [],
      outputs: [],
      output_handles: [],
      chosen_handle: null,
      run_inputs,
    },
  ]),
);

describe('completions', () => {
  const nodes: { id: string; data: { type: string; config: JsonObject } }[] = [
    { id: 'ticket', data: { type: 'input_text', config: { name: 'text' } } },
    { id: 'fetch-1', data: { type: 'http_request', config: {} } },
    { id: 'out', data: { type: 'template', config: {} } },
    { id: 'other', data: { type: 'template', config: {} } },
    { id: 'f', data: { type: 'form', config: { fields: [{ key: 'city' }, { key: 'zip' }] } } },
    { id: 'plain', data: { type: 'input_text', config: {} } },
  ];
  const edges = [
    { source: 'ticket', target: 'fetch-1' },
    { source: 'fetch-1', target: 'out' },
  ];

  it('offers upstream outputs by id, nodes[...] for ids that are not names, and inputs', () => {
    const labels = completionsFor('out', nodes, edges, types).map((c) => c.label);
    expect(labels).toContain('ticket.text');
    expect(labels).toContain('nodes["fetch-1"].body.items');
    expect(labels).toContain('input.text');
    expect(labels).not.toContain('other.text');
  });

  it('offers every run input that the rules of the types give, whatever the type', () => {
    const inputs = completionsFor('out', nodes, edges, types)
      .filter((c) => c.detail === 'run input')
      .map((c) => c.label);
    expect(inputs).toEqual(['input.text', 'input.city', 'input.zip', 'input.plain']);
  });

  it('prefers the last real output to the example', () => {
    const labels = completionsFor('out', nodes, edges, types, { ticket: { text: 'x', lang: 'en' } }).map((c) => c.label);
    expect(labels).toContain('ticket.lang');
  });

  it('finds the open hole before the caret', () => {
    expect(openHole('Hello {{ tick')).toEqual({ partial: 'tick', start: 9 });
    expect(openHole('Hello {{')).toEqual({ partial: '', start: 8 });
    expect(openHole('{{ a }} and')).toBeNull();
    expect(openHole('{{ a | upp')).toBeNull();
  });
});
