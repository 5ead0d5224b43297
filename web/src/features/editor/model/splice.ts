import { edgeId, type WeftEdge } from './flow';

/**
 * The edges with `edge` split by `node`: source → node → target, the source
 * keeping its handle and the node leaving from `outHandle` (null: its one
 * output). Null when the edge is gone or already touches the node.
 */
export function spliceEdges(edges: WeftEdge[], edge: string, node: string, outHandle: string | null): WeftEdge[] | null {
  const split = edges.find((e) => e.id === edge);
  if (!split || split.source === node || split.target === node) return null;
  const into: WeftEdge = {
    id: edgeId(split.source, split.sourceHandle, node),
    source: split.source,
    target: node,
    sourceHandle: split.sourceHandle ?? null,
    type: 'weft',
  };
  const out: WeftEdge = { id: edgeId(node, outHandle, split.target), source: node, target: split.target, sourceHandle: outHandle, type: 'weft' };
  const rest = edges.filter((e) => e.id !== edge && e.id !== into.id && e.id !== out.id);
  return [...rest, into, out];
}
