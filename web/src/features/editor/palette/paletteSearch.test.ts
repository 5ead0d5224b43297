import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import nodeTypes from '../model/testdata/nodeTypes.json';
import { searchPalette } from './paletteSearch';
import { kPaletteSynonyms } from './synonyms';

const types = nodeTypes as unknown as NodeTypeDescriptor[];
const first = (q: string) => searchPalette(types, q)[0]?.title;
const titles = (q: string) => searchPalette(types, q).map((t) => t.title);

describe('palette search', () => {
  it.each([
    ['if', 'Condition'],
    ['summar', 'LLM chat'],
    ['http', 'HTTP request'],
    ['api', 'HTTP request'],
    ['fetch', 'HTTP request'],
    ['loop', 'Loop'],
    ['each', 'Loop'],
    ['for', 'Loop'],
    ['route', 'Switch'],
    ['case', 'Switch'],
    ['wait', 'Delay'],
    ['sleep', 'Delay'],
    ['gpt', 'LLM chat'],
    ['Condition', 'Condition'],
  ])('"%s" finds %s first', (query, title) => {
    expect(first(query)).toBe(title);
  });

  it('"json" finds the JSON input and output first', () => {
    expect(titles('json').slice(0, 2).sort()).toEqual(['JSON input', 'JSON output']);
  });

  it('"prompt" and "ai" find every LLM block', () => {
    for (const q of ['prompt', 'ai']) {
      expect(titles(q)).toEqual(expect.arrayContaining(['LLM chat', 'LLM classify', 'LLM extract']));
    }
  });

  it('matches the start of words, so "if" does not find LLM classify', () => {
    expect(titles('if')).not.toContain('LLM classify');
  });

  it('finds nothing for nonsense and everything for an empty query', () => {
    expect(searchPalette(types, 'zzqx')).toEqual([]);
    expect(searchPalette(types, '  ')).toHaveLength(types.length);
  });

  it('names only block types the server has', () => {
    const known = new Set(types.map((t) => t.type));
    expect(Object.keys(kPaletteSynonyms).filter((t) => !known.has(t))).toEqual([]);
  });
});
