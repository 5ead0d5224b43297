import { describe, expect, it } from 'vitest';
import type { JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import { completionsFor, openHole } from './completions';

const types = new Map<string, NodeTypeDescriptor>(
  [
    ['input_text', { text: 'Hello' }],
    ['http_request', { status: 200, body: { items: [] } }],
    ['template', { text: '…' }],
  ].map(([type, output_example]) => [
    type as string,
    { type, category: 'Logic', title: String(type), description: '', icon: 'box', version: 1, config_schema: {}, output_example, inputs: [], outputs: [] } as NodeTypeDescriptor,
  ]),
);

describe('completions', () => {
  const nodes: { id: string; data: { type: string; config: JsonObject } }[] = [
    { id: 'ticket', data: { type: 'input_text', config: { name: 'text' } } },
    { id: 'fetch-1', data: { type: 'http_request', config: {} } },
    { id: 'out', data: { type: 'template', config: {} } },
    { id: 'other', data: { type: 'template', config: {} } },
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
