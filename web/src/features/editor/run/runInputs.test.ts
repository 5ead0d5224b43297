import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor, RunInputRule } from '../../../shared/api/types';
import { exampleInputs, inputSchema, runInputsOf } from './runInputs';

const type = (name: string, run_inputs: RunInputRule[]): NodeTypeDescriptor => ({
  type: name,
  category: 'Input',
  title: name,
  description: '',
  icon: 'box',
  version: 1,
  config_schema: {},
  output_example: {},
  inputs: [],
  outputs: [],
  output_handles: [],
  chosen_handle: null,
  run_inputs,
});

// The rules of the server's input blocks, as `GET /api/node-types` sends them.
const catalogue = new Map(
  [
    type('input_text', [
      { type: 'string', name_at: '/name', label_at: '/label', description_at: '/description', required_at: '/required', default_at: '/default', multiline_at: '/multiline' },
    ]),
    type('input_json', [{ name_at: '/name', label_at: '/label', description_at: '/description', required_at: '/required', default_at: '/default', schema_at: '/schema' }]),
    type('input_variables', [{ each: '/variables', type: 'string', name_at: '/name', description_at: '/description', type_at: '/type', required_at: '/required', default_at: '/default' }]),
    type('input_file', [
      { type: 'file', name_at: '/name', label_at: '/label', description_at: '/description', required_at: '/required', accept_at: '/accept', max_bytes_at: '/max_bytes', multiple_at: '/multiple' },
    ]),
    type('template', []),
  ].map((t) => [t.type, t]),
);

describe('runInputsOf', () => {
  it('lists the inputs the rules give, in canvas order, with their form kinds', () => {
    const fields = runInputsOf(
      [
        { id: 'q', data: { type: 'input_text', config: { label: 'Question', multiline: true } } },
        { id: 't', data: { type: 'template', config: { template: 'x' } } },
        { id: 'order', data: { type: 'input_json', config: { schema: { type: 'object', required: ['qty'] } } } },
        { id: 'v', data: { type: 'input_variables', config: { variables: [{ name: 'n', type: 'integer', default: 3 }, { name: 'flags', type: 'array' }] } } },
        { id: 'x', data: { type: 'unknown_type', config: {} } },
      ],
      catalogue,
    );
    expect(fields.map((f) => [f.name, f.label, f.kind, f.required])).toEqual([
      ['q', 'Question', 'text', true],
      ['order', 'order', 'json', true],
      ['n', 'n', 'integer', false],
      ['flags', 'flags', 'json', true],
    ]);
    expect(fields[0]?.multiline).toBe(true);
    expect(inputSchema(fields)).toEqual({
      type: 'object',
      properties: {
        q: { type: 'string', title: 'Question' },
        order: { type: 'object', required: ['qty'] },
        n: { type: 'integer', default: 3 },
        flags: {},
      },
      required: ['q', 'order', 'flags'],
    });
  });

  it('makes a file field of a File input, with the types it takes, its size limit and whether it takes several', () => {
    const fields = runInputsOf(
      [
        { id: 'doc', data: { type: 'input_file', config: { label: 'Report', accept: ['.csv', 'text/*'], max_bytes: 2048 } } },
        { id: 'pics', data: { type: 'input_file', config: { multiple: true, required: false } } },
      ],
      catalogue,
    );
    expect(fields.map((f) => [f.name, f.label, f.kind, f.required, f.accept, f.maxBytes, f.multiple])).toEqual([
      ['doc', 'Report', 'file', true, ['.csv', 'text/*'], 2048, undefined],
      ['pics', 'pics', 'file', false, undefined, undefined, true],
    ]);
    const one = { type: 'object', properties: { id: { type: 'string', description: 'The id `POST /api/files` answered' } }, required: ['id'] };
    expect(inputSchema(fields).properties).toEqual({ doc: { ...one, title: 'Report' }, pics: { type: 'array', items: one } });
    expect(exampleInputs(fields)).toEqual({ doc: { id: 'file_…' }, pics: [{ id: 'file_…' }] });
  });
});
