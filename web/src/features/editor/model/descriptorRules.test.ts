import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/api/types';
import { chosenHandles, findAt, handlesOf, nodeRunInputs } from './descriptorRules';

// The same cases as tests/nodes/descriptor_rules_test.cpp: the two evaluators agree.
describe('descriptor rules', () => {
  it('read handles from fixed names and config lists, in order, each once', () => {
    const rules = [{ each: '/cases', name_at: '/name' }, { name: 'default' }];
    expect(handlesOf(rules, { cases: [{ name: 'en' }, { name: 'fr' }] })).toEqual(['en', 'fr', 'default']);
    expect(handlesOf(rules, { cases: [{ name: 'en' }, {}, { name: 'en' }, 3, { name: '' }] })).toEqual(['en', 'default']);
    expect(handlesOf(rules, {})).toEqual(['default']);
    expect(handlesOf([], { cases: [{ name: 'en' }] })).toEqual([]);
    expect(handlesOf(undefined, {})).toEqual([]);
  });

  it('read the chosen handle from an output', () => {
    expect(chosenHandles('/value', { value: false })).toEqual(['false']);
    expect(chosenHandles('/value', { value: true })).toEqual(['true']);
    expect(chosenHandles('/label', { label: 'bug', confidence: 1 })).toEqual(['bug']);
    expect(chosenHandles('/route/all', { route: { all: ['a', 1, 'b', 'a'] } })).toEqual(['a', 'b']);
    expect(chosenHandles('/label', { text: 'no label' })).toEqual([]);
    expect(chosenHandles('', { label: 'x' })).toEqual([]);
    expect(chosenHandles(null, { label: 'x' })).toEqual([]);
  });

  it('unescape pointers and index arrays', () => {
    const config = { 'a/b': { '~k': [10, 20] } };
    expect(findAt(config, '/a~1b/~0k/1')).toBe(20);
    expect(findAt(config, '/a~1b/~0k/2')).toBeUndefined();
    expect(findAt(config, '/a~1b/~0k/x')).toBeUndefined();
    expect(findAt(config, '/a~1b/~0k/01')).toBeUndefined();
    expect(findAt(config, '/missing/deeper')).toBeUndefined();
    expect(findAt(config, '')).toBeUndefined();
    expect(findAt({ toString: 1 }, '/constructor')).toBeUndefined();
  });

  it('give run inputs with the defaults of the rule', () => {
    expect(nodeRunInputs([{ type: 'string', name_at: '/name', label_at: '/label' }], {}, 'q')).toEqual([
      { name: 'q', label: 'q', type: 'string', required: true, multiline: false },
    ]);
    const each = { each: '/variables', type: 'string', name_at: '/name', type_at: '/type', required_at: '/required', default_at: '/default' };
    const config: JsonObject = { variables: [{ name: 'topic' }, { name: 'count', type: 'integer', required: false, default: 3 }] };
    expect(nodeRunInputs([each], config, 'v')).toEqual([
      { name: 'topic', label: 'topic', type: 'string', required: true, multiline: false },
      { name: 'count', label: 'count', type: 'integer', required: false, default: 3, multiline: false },
    ]);
    const json = { name_at: '/name', schema_at: '/schema', description_at: '/description', multiline_at: '/multiline' };
    expect(nodeRunInputs([json], { name: 'order', schema: { type: 'object' }, description: 'An order', multiline: true }, 'j')).toEqual([
      { name: 'order', label: 'order', description: 'An order', required: true, multiline: true, schema: { type: 'object' } },
    ]);
  });
});
