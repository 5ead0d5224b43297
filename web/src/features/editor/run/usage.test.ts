import { describe, expect, it } from 'vitest';
import type { NodeRunView } from './runState';
import { totalUsage } from './usage';

const node = (output: NodeRunView['output']): NodeRunView => ({ status: 'succeeded', attempts: 1, logs: [], tokens: '', output });

describe('totalUsage', () => {
  it('sums the usage of every LLM block of the run', () => {
    const nodes = {
      a: node({ text: 'hi', usage: { prompt_tokens: 12, completion_tokens: 5 } }),
      b: node({ label: 'x', usage: { prompt_tokens: 3, completion_tokens: 1 } }),
      c: node({ text: 'no llm here' }),
    };
    expect(totalUsage(nodes)).toEqual({ prompt: 15, completion: 6 });
  });

  it('is null when no block used a model', () => {
    expect(totalUsage({ c: node({ text: 'plain' }), d: node(undefined) })).toBeNull();
  });
});
