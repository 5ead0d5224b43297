import { describe, expect, it } from 'vitest';
import type { JsonObject, NodeTypeDescriptor, PipelineDefinition, Problem } from '../../../shared/api/types';
import { edgeId } from './flow';
import { wordProblem, type WordedNode, type WordingContext } from './problemWords';
import { indexProblems } from './problems';
import broken from './testdata/brokenDocuments.json';
import nodeTypes from './testdata/nodeTypes.json';

/**
 * Every problem shape the server gives (testdata/brokenDocuments.json: what
 * `POST /api/pipelines/validate` answered for each document, one shape each;
 * regenerate it against a running server when validation learns new
 * problems) is shown in words: the block by its title, the field by its
 * label, no JSON Pointer and no column outside the details.
 */
const catalogue = new Map((nodeTypes as unknown as NodeTypeDescriptor[]).map((t) => [t.type, t]));
const cases = broken as unknown as { name: string; document: PipelineDefinition; problems: Problem[] }[];

function worded(doc: PipelineDefinition, problems: Problem[]) {
  const nodes = doc.nodes ?? [];
  const edges = doc.edges ?? [];
  const edgeIds = edges.map((e) => edgeId(e.source, e.sourceHandle ?? null, e.target));
  const ctx: WordingContext = {
    nodes: new Map(nodes.map((n): [string, WordedNode] => [n.id, { id: n.id, type: n.type, label: n.label, config: n.config as JsonObject }])),
    edges: new Map(edges.map((e, i) => [edgeIds[i] ?? '', { source: e.source, target: e.target }])),
    catalogue,
  };
  const index = indexProblems(problems, nodes.map((n) => n.id), edgeIds);
  return index.placed.map((p) => ({ p, w: wordProblem(p, ctx), shown: '' })).map((x) => ({ ...x, shown: `${x.w.place.join(' → ')}: ${x.w.text}` }));
}

/** What the list shows for each broken document, first problem (the place, then the words). */
const kExpected: Record<string, string> = {
  unknown_type: 'templte → Type: unknown node type `templte`; did you mean `template`?',
  newer_version: 'Template → Version: node type `template` is at version 1; this pipeline was made for version 99 by a newer Weft',
  edge_source_missing: 'Connection qq → Template → From: edge source `qq` is not a node; did you mean “Ticket”?',
  duplicate_edge: 'Connection Ticket → Template: duplicate edge from “Ticket” to “Template”',
  cycle: 'Connections: the edges form a cycle: “First” → “Second” → “First”; a pipeline must flow one way (use a loop node to repeat work)',
  input_unconnected: 'Summarise → Template: `input` refers to the blocks connected into this block, and none is; connect the block it should read from',
  not_upstream: 'Summarise → Template: “Text input” is not upstream of “Summarise”; connect “Text input” to “Summarise” (directly or through other blocks) to use its output',
  unknown_name: 'Template → Template: `ghost` is not a node or a known name',
  missing_required: 'Template → Template: is required',
  wrong_config_type: 'Delay → Ms: must be a whole number',
  config_bounds: 'Delay → Ms: must be at least 0',
  template_syntax: 'Template → Template: unterminated `{{`: missing `}}`',
  condition_no_handle: 'Connection Condition → Text output → Output handle: an edge from “Condition” (condition) must leave from one of its outputs: one of true, false',
  into_input: 'Connection Ticket → Text input → To: “Text input” is an input (input_text) and takes no incoming edges',
  unknown_node_key: 'Template → Colour: unknown key `colour`',
  bad_on_error: 'Template → When it fails: must be one of fail, continue, branch; got `explode`',
  bad_retry: 'Template → Retry → Tries: unknown key `tries`',
  bad_timeout: 'Template → Timeout per attempt (ms): must be between 1 and 86400000',
  pinned_not_object: "Ticket → Pinned output: a pinned output is a JSON object (the node's output), not string",
  loop_body: 'Each line → Body → Inner step → Template: `nothing` is not a node or a known name',
  settings: 'Pipeline settings → Run timeout: must be an integer, not string',
  llm_empty_prompt: 'Summarise → Prompt: Prompt is empty and no block is connected into this one to give it; write it, or connect the block whose text it should be',
  extract_fields: 'LLM extract → Fields → item 1 → Name: has characters that are not allowed here',
  http_method: 'HTTP request → Method: must be one of "GET", "POST", "PUT", "PATCH", "DELETE"',
  json_output_value: 'JSON output → Value → A: unterminated `{{`: missing `}}`',
  transform_expr: 'Transform → Value: unexpected end of expression; expected a value',
  missing_edges: 'Pipeline: missing `edges` (a list of connections; may be empty)',
};

describe('problems in words', () => {
  it.each(cases.filter((c) => c.problems.length > 0).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const all = worded(c.document, c.problems);
    expect(all.length).toBe(c.problems.length);
    for (const { p, w, shown } of all) {
      expect(shown).not.toMatch(/\/(nodes|edges|config|pinned|settings)\b/);
      expect(shown).not.toMatch(/column \d/);
      expect(w.details).toContain(p.pointer);
      if (p.nodeId !== undefined) {
        const node = c.document.nodes?.findLast((n) => n.id === p.nodeId);
        const title = (typeof node?.label === 'string' && node.label) || catalogue.get(node?.type ?? '')?.title || node?.type || p.nodeId;
        expect(w.place[0]).toContain(title);
        expect(w.nodeId).toBe(p.nodeId);
        // A problem inside the block names the field too.
        if (p.path !== '') expect(w.place.length).toBeGreaterThan(1);
      }
    }
    const expected = kExpected[c.name];
    if (expected !== undefined) expect(all[0]?.shown).toBe(expected);
  });

  it('points the panel at the field to focus', () => {
    const summarise = cases.find((c) => c.name === 'llm_empty_prompt');
    expect(worded(summarise!.document, summarise!.problems)[0]?.w.fieldId).toBe('cfg-ask-prompt');
    const timeout = cases.find((c) => c.name === 'bad_timeout');
    expect(worded(timeout!.document, timeout!.problems)[0]?.w.fieldId).toBe('node-timeout');
    const required = cases.find((c) => c.name === 'missing_required');
    expect(worded(required!.document, required!.problems)[0]?.w.fieldId).toBe('cfg-sum-template');
  });

  it('adds the id where two blocks share a title', () => {
    const doc: PipelineDefinition = {
      name: 'x',
      nodes: [
        { id: 'a', type: 'template', config: { template: '{{ b.text }}' } },
        { id: 'b', type: 'template', config: { template: 'x' } },
      ],
      edges: [],
    };
    const [first] = worded(doc, [{ pointer: '/nodes/0/config/template', message: '`b` at column 4 is not upstream of `a`' }]);
    expect(first?.shown).toBe('Template (a) → Template: “Template (b)” is not upstream of “Template (a)”');
  });
});
