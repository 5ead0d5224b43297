import type { Json, JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import { nodeRunInputs } from '../model/descriptorRules';
import { referenceTo } from '../model/ids';

export interface Completion {
  /** What is inserted: `ticket.text`. */
  label: string;
  /** Where it comes from and an example value. */
  detail: string;
}

interface GraphNode {
  id: string;
  data: { type: string; config: JsonObject; label?: string };
}

/** Depth of output fields offered (`fetch.body.items`). */
const kMaxDepth = 3;
const kMaxPerNode = 40;

function sample(value: Json): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 30 ? value.slice(0, 29) + '…' : value);
  }
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (value && typeof value === 'object') return 'object';
  return String(value);
}

function paths(value: Json, prefix: string, depth: number, out: [string, Json][]): void {
  if (out.length >= kMaxPerNode) return;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      const path = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${prefix}.${key}` : `${prefix}["${key}"]`;
      out.push([path, child]);
      if (depth + 1 < kMaxDepth) paths(child, path, depth + 1, out);
    }
  }
}

/** Every node that can reach `id` along edges. */
export function upstreamOf(id: string, edges: { source: string; target: string }[]): string[] {
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    (parents.get(e.target) ?? parents.set(e.target, []).get(e.target))?.push(e.source);
  }
  const seen = new Set<string>();
  const stack = [...(parents.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (!seen.has(next) && next !== id) {
      seen.add(next);
      stack.push(...(parents.get(next) ?? []));
    }
  }
  return [...seen];
}

/**
 * What `{{` may reference from node `id`: the outputs of upstream nodes (from
 * their last run output, else their type's output example), the run's inputs
 * and the pipeline variables.
 */
export function completionsFor(
  id: string,
  nodes: GraphNode[],
  edges: { source: string; target: string }[],
  catalogue: Map<string, NodeTypeDescriptor>,
  outputs: Record<string, Json | undefined> = {},
  variables: JsonObject = {},
): Completion[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const result: Completion[] = [];
  for (const up of upstreamOf(id, edges).sort()) {
    const node = byId.get(up);
    if (!node) continue;
    const descriptor = catalogue.get(node.data.type);
    const example = outputs[up] ?? descriptor?.output_example ?? {};
    const found: [string, Json][] = [];
    paths(example, referenceTo(up), 0, found);
    const title = node.data.label || descriptor?.title || node.data.type;
    result.push({ label: referenceTo(up), detail: `${title} · output` });
    for (const [path, value] of found) {
      result.push({ label: path, detail: `${title} · ${sample(value)}` });
    }
  }
  for (const node of nodes) {
    for (const input of nodeRunInputs(catalogue.get(node.data.type)?.run_inputs, node.data.config, node.id)) {
      result.push({ label: `input.${input.name}`, detail: 'run input' });
    }
  }
  for (const key of Object.keys(variables)) {
    result.push({ label: `vars.${key}`, detail: 'pipeline variable' });
  }
  return result;
}

/** The `{{ partial` being typed right before the caret, or null outside a hole. */
export function openHole(textBeforeCaret: string): { partial: string; start: number } | null {
  const open = textBeforeCaret.lastIndexOf('{{');
  if (open < 0 || textBeforeCaret.indexOf('}}', open) >= 0) {
    return null;
  }
  const inside = textBeforeCaret.slice(open + 2);
  const match = /([A-Za-z0-9_."[\]-]*)$/.exec(inside);
  const partial = match?.[1] ?? '';
  if (inside.slice(0, inside.length - partial.length).trim() !== '') {
    return null; // past the first word of the hole (an operator or filter follows)
  }
  return { partial, start: textBeforeCaret.length - partial.length };
}

/** Completions matching what was typed, best first. */
export function filterCompletions(all: Completion[], partial: string, limit = 12): Completion[] {
  const q = partial.toLowerCase();
  if (!q) return all.slice(0, limit);
  const starts = all.filter((c) => c.label.toLowerCase().startsWith(q));
  const contains = all.filter((c) => !c.label.toLowerCase().startsWith(q) && c.label.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}
