import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import nodeTypes from '../model/testdata/nodeTypes.json';
import { wordNodeProblems } from './wordNodeProblems';

const catalogue = new Map((nodeTypes as unknown as NodeTypeDescriptor[]).map((t) => [t.type, t]));

describe('a block panel words its problems', () => {
  it('names other blocks by title and drops the column', () => {
    const [p] = wordNodeProblems(
      [{ path: '/config/prompt', message: '`q2` at column 4 is not upstream of `ask`; connect `q2` to `ask`' }],
      ['ask\nSummarise\nllm_chat', 'q2\n\ninput_text'],
      catalogue,
    )!;
    expect(p?.message).toBe('“Text input” is not upstream of “Summarise”; connect “Text input” to “Summarise”');
  });

  it("says the schema's phrase with the field's type and keeps what the form files by field", () => {
    const schema = catalogue.get('delay')?.config_schema;
    const out = wordNodeProblems(
      [
        { path: '/config/ms', message: "Value type not permitted by 'type' constraint." },
        { path: '/config', message: "Missing required property 'ms'." },
      ],
      ['wait\n\ndelay'],
      catalogue,
      schema,
    )!;
    expect(out.map((p) => p.message)).toEqual(['must be a whole number', "Missing required property 'ms'."]);
  });
});
