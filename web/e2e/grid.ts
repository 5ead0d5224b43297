import type { EdgeDef, NodeDef } from '../src/shared/api/types';

/**
 * A `columns` × `rows` grid of blocks for the big-graph specs: inputs in the
 * first column, templates after, each fed from its left neighbour and some
 * diagonally.
 */
export function gridPipeline(columns: number, rows: number): { nodes: NodeDef[]; edges: EdgeDef[] } {
  const nodes: NodeDef[] = [];
  const edges: EdgeDef[] = [];
  const name = (c: number, r: number) => `n${c}_${r}`;
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) {
      const position = { x: c * 300, y: r * 130 };
      if (c === 0) {
        nodes.push({ id: name(c, r), type: 'input_text', config: { name: `in${r}`, required: false }, position });
        continue;
      }
      nodes.push({ id: name(c, r), type: 'template', config: { template: `{{ ${name(c - 1, r)}.text }}.` }, position });
      edges.push({ source: name(c - 1, r), target: name(c, r) });
      if (r + 1 < rows && (c + r) % 3 === 0) edges.push({ source: name(c - 1, r + 1), target: name(c, r) });
    }
  }
  return { nodes, edges };
}
