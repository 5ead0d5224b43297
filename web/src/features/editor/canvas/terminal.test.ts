import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import nodeTypes from '../model/testdata/nodeTypes.json';
import { spliceHandle } from './edgeDrop';
import { isTerminal } from './terminal';

const types = new Map((nodeTypes as unknown as NodeTypeDescriptor[]).map((t) => [t.type, t]));

describe('terminal blocks and splicing, with the catalogue the server sends', () => {
  it('knows the output blocks by the category the server spells "Output"', () => {
    expect(isTerminal(types.get('output_text'))).toBe(true);
    expect(isTerminal(types.get('output_json'))).toBe(true);
    expect(isTerminal(types.get('template'))).toBe(false);
  });

  it('splits an edge only with a block that takes input and sends output', () => {
    expect(spliceHandle(types.get('template'), { type: 'template', config: {} })).toEqual({ outHandle: null });
    expect(spliceHandle(types.get('condition'), { type: 'condition', config: {} })).toEqual({ outHandle: 'true' });
    expect(spliceHandle(types.get('input_text'), { type: 'input_text', config: {} })).toBeNull();
    expect(spliceHandle(types.get('output_text'), { type: 'output_text', config: {} })).toBeNull();
  });
});
