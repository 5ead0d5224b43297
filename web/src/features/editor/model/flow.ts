import type { Edge, Node } from '@xyflow/react';
import type {
  EdgeDef,
  JsonObject,
  NodeDef,
  OnError,
  PipelineDefinition,
  PipelineSettings,
  RetryPolicy,
} from '../../../shared/api/types';

/** What a canvas node carries: everything of a pipeline node but its id and position. */
export interface WeftNodeData extends Record<string, unknown> {
  type: string;
  label?: string;
  config: JsonObject;
  on_error?: OnError;
  retry?: RetryPolicy;
  timeout_ms?: number;
  version?: number;
}

export type WeftNode = Node<WeftNodeData, 'weft'>;
export type WeftEdge = Edge<Record<string, unknown>, 'weft'>;

/** The pipeline fields the canvas does not draw, kept as loaded. */
export interface PipelineMeta {
  id?: string;
  name: string;
  description?: string;
  settings?: PipelineSettings;
  variables?: JsonObject;
}

export function edgeId(source: string, sourceHandle: string | null | undefined, target: string): string {
  return `${source}:${sourceHandle ?? ''}->${target}`;
}

export function toFlowNode(def: NodeDef, index: number): WeftNode {
  const data: WeftNodeData = { type: def.type, config: def.config ?? {} };
  if (def.label) data.label = def.label;
  if (def.on_error) data.on_error = def.on_error;
  if (def.retry) data.retry = def.retry;
  if (def.timeout_ms !== undefined) data.timeout_ms = def.timeout_ms;
  if (def.version !== undefined) data.version = def.version;
  return {
    id: def.id,
    type: 'weft',
    position: def.position ?? { x: (index % 6) * 280, y: Math.floor(index / 6) * 140 },
    data,
  };
}

export function toFlowEdge(def: EdgeDef): WeftEdge {
  const handle = def.sourceHandle ?? null;
  return {
    id: edgeId(def.source, handle, def.target),
    source: def.source,
    target: def.target,
    sourceHandle: handle,
    type: 'weft',
  };
}

export function toFlow(definition: PipelineDefinition): { nodes: WeftNode[]; edges: WeftEdge[] } {
  return {
    nodes: (definition.nodes ?? []).map(toFlowNode),
    edges: (definition.edges ?? []).map(toFlowEdge),
  };
}

export function toNodeDef(node: WeftNode): NodeDef {
  const { type, label, config, on_error, retry, timeout_ms, version } = node.data;
  const def: NodeDef = { id: node.id, type, config };
  if (label) def.label = label;
  if (version !== undefined) def.version = version;
  if (timeout_ms !== undefined) def.timeout_ms = timeout_ms;
  if (retry) def.retry = retry;
  if (on_error && on_error !== 'fail') def.on_error = on_error;
  def.position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  return def;
}

export function toEdgeDef(edge: WeftEdge): EdgeDef {
  const def: EdgeDef = { source: edge.source, target: edge.target };
  if (edge.sourceHandle) def.sourceHandle = edge.sourceHandle;
  return def;
}

/** The pipeline document for the API; `pinned` only when something is pinned. */
export function toDefinition(
  meta: PipelineMeta,
  nodes: WeftNode[],
  edges: WeftEdge[],
  pinned: Record<string, JsonObject>,
  version?: number | null,
): PipelineDefinition {
  const def: PipelineDefinition = { name: meta.name, nodes: nodes.map(toNodeDef), edges: edges.map(toEdgeDef) };
  if (meta.id) def.id = meta.id;
  if (meta.description) def.description = meta.description;
  if (meta.settings) def.settings = meta.settings;
  if (meta.variables) def.variables = meta.variables;
  if (version) def.version = version;
  if (Object.keys(pinned).length > 0) def.pinned = pinned;
  return def;
}

export function metaOf(definition: PipelineDefinition, fallbackName = ''): PipelineMeta {
  const meta: PipelineMeta = { name: definition.name ?? fallbackName };
  if (definition.id) meta.id = definition.id;
  if (definition.description) meta.description = definition.description;
  if (definition.settings) meta.settings = definition.settings;
  if (definition.variables) meta.variables = definition.variables;
  return meta;
}
