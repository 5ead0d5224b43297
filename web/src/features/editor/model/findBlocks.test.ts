import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { findBlocks, stepMatch } from './findBlocks';
import { reachable } from './graphWalk';
import nodeTypes from './testdata/nodeTypes.json';

const catalogue = new Map((nodeTypes as unknown as NodeTypeDescriptor[]).map((t) => [t.type, t]));
const node = (id: string, type: string, x: number, y: number, label?: string) => ({ id, position: { x, y }, data: { type, label } });
const nodes = [
  node('ask', 'llm_chat', 300, 0, 'Summarise'),
  node('q', 'input_text', 0, 0),
  node('fmt', 'template', 0, 200),
  node('fmt2', 'template', 300, 200, 'Format reply'),
];

describe('find blocks', () => {
  it('finds by title, id, type and type title, in reading order', () => {
    expect(findBlocks(nodes, catalogue, 'summ')).toEqual(['ask']);
    expect(findBlocks(nodes, catalogue, 'FMT')).toEqual(['fmt', 'fmt2']);
    expect(findBlocks(nodes, catalogue, 'llm_chat')).toEqual(['ask']);
    expect(findBlocks(nodes, catalogue, 'text input')).toEqual(['q']);
    expect(findBlocks(nodes, catalogue, 'template')).toEqual(['fmt', 'fmt2']);
    expect(findBlocks(nodes, catalogue, 'reply')).toEqual(['fmt2']);
  });

  it('finds nothing for an empty query', () => {
    expect(findBlocks(nodes, catalogue, ' ')).toEqual([]);
  });

  it('cycles through the matches both ways', () => {
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('upstream and downstream', () => {
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'x', target: 'c' },
    { source: 'c', target: 'd' },
  ];
  it('walks along and against the edges', () => {
    expect(reachable(edges, 'c', false).sort()).toEqual(['a', 'b', 'x']);
    expect(reachable(edges, 'b', true).sort()).toEqual(['c', 'd']);
    expect(reachable(edges, 'd', true)).toEqual([]);
  });
});
