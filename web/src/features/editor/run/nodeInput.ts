import type { JsonObject } from '../../../shared/api/types';
import type { NodeRunView } from './runState';

/** What a node received: the outputs of the nodes connected into it, by id. */
export function nodeInput(
  nodeId: string,
  edges: { source: string; target: string }[],
  nodes: Record<string, NodeRunView>,
): JsonObject {
  const input: JsonObject = {};
  for (const e of edges) {
    if (e.target === nodeId) {
      const up = nodes[e.source];
      input[e.source] = up?.output ?? null;
    }
  }
  return input;
}
