import type { Json, JsonObject, JsonSchema, NodeTypeDescriptor } from '../../../shared/api/types';
import { parsePointer } from '../../../shared/lib/pointer';
import { humanize, missingProperty } from '../form/widgets';
import type { PlacedProblem } from './problems';
import { kSettingLabels } from './settings';

/** What wording needs of a block: the document's fields, not the canvas's. */
export interface WordedNode {
  id: string;
  type: string;
  label?: string;
  config?: JsonObject;
}

export interface WordingContext {
  nodes: Map<string, WordedNode>;
  edges: Map<string, { source: string; target: string }>;
  catalogue: Map<string, NodeTypeDescriptor>;
}

/** A problem in words: where ("Summarise → Prompt"), what, and the raw pointer for the details fold. */
export interface WordedProblem {
  /** Block, field and deeper places, by title and label. */
  place: string[];
  text: string;
  /** The pointer and the server's own message: shown only in a "details" fold. */
  details: string;
  /** The block to select, and the form control to focus in its panel. */
  nodeId?: string;
  fieldId?: string;
}

/** Labels of a node's own fields, as the block panel shows them. */
const kNodeFields: Record<string, string> = {
  id: 'Id',
  type: 'Type',
  label: 'Label',
  on_error: 'When it fails',
  retry: 'Attempts',
  timeout_ms: 'Timeout per attempt (ms)',
  position: 'Position',
  version: 'Version',
};
/** The panel's control of a node field (AdvancedSettings, NodePanel). */
const kNodeFieldIds: Record<string, string> = {
  label: 'node-label',
  on_error: 'node-on-error',
  retry: 'node-attempts',
  timeout_ms: 'node-timeout',
};
const kRetryFields: Record<string, string> = { max_attempts: 'Attempts', backoff_ms: 'Backoff (ms)', max_backoff_ms: 'Longest backoff (ms)' };
const kEdgeFields: Record<string, string> = {
  source: 'From',
  target: 'To',
  sourceHandle: 'Output handle',
  targetHandle: 'Input handle',
};
const kTopLevel: Record<string, string> = {
  id: 'Pipeline id',
  name: 'Pipeline name',
  description: 'Pipeline description',
  version: 'Pipeline version',
  variables: 'Pipeline variables',
  nodes: 'Blocks',
  edges: 'Connections',
  pinned: 'Pinned outputs',
};

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The title a block goes by on the canvas: its label, else its type's title, else its type. */
export function blockTitle(node: WordedNode, catalogue: Map<string, NodeTypeDescriptor>): string {
  // A document may hold anything: a label that is not text reads as none.
  const label = typeof node.label === 'string' ? node.label : '';
  return label || catalogue.get(node.type)?.title || node.type || node.id;
}

/** A field's label: the schema's `title`, else the key in words. */
export function fieldLabel(schema: JsonSchema | undefined, key: string): string {
  return schema?.properties?.[key]?.title ?? humanize(key);
}

/** Block titles by id, with the id added where two blocks share a title. */
function titles(nodes: Iterable<WordedNode>, catalogue: Map<string, NodeTypeDescriptor>): Map<string, string> {
  const list = [...nodes];
  const count = new Map<string, number>();
  for (const n of list) count.set(blockTitle(n, catalogue), (count.get(blockTitle(n, catalogue)) ?? 0) + 1);
  return new Map(
    list.map((n) => {
      const title = blockTitle(n, catalogue);
      return [n.id, (count.get(title) ?? 0) > 1 ? `${title} (${n.id})` : title];
    }),
  );
}

const kKinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'on or off',
  array: 'a list',
  object: 'an object',
};

/** The schema of a value inside a config (`["fields", "0", "name"]`), as far as it is known. */
export function schemaAt(schema: JsonSchema | undefined, segments: string[]): JsonSchema | undefined {
  let at = schema;
  for (const s of segments) {
    at = /^\d+$/.test(s) && at?.items ? at.items : at?.properties?.[s];
    if (!at) return undefined;
  }
  return at;
}

/** The JSON Schema validator's phrases, said plainly with what the field's schema allows. */
function plainSchemaMessage(message: string, schema: JsonSchema | undefined): string {
  if (/^Value type not permitted/.test(message)) {
    const types = schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    const kinds = types.map((t) => kKinds[t] ?? t);
    return kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'has the wrong kind of value';
  }
  if (/^Failed to match against any enum values/.test(message)) {
    return schema?.enum ? `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` : 'is not one of the allowed values';
  }
  if (/^Failed to match regex/.test(message)) return 'has characters that are not allowed here';
  const bound = /^Expected number (greater|less) than (or equal to )?(-?[\d.]+)/.exec(message);
  if (bound) {
    const n = Number(bound[3]);
    const word = bound[1] === 'greater' ? (bound[2] ? 'at least' : 'more than') : bound[2] ? 'at most' : 'less than';
    return `must be ${word} ${n}`;
  }
  return message;
}

/**
 * The message in words: node ids in backticks become “titles”, a cycle's
 * path too, "at column N" and any pointer move to the details, the schema
 * validator's phrases become plain ones ("Missing required property" →
 * "is required"; `schema` is the field's, when known).
 */
export function wordMessage(message: string, names: Map<string, string>, schema?: JsonSchema): string {
  let text = message
    .replace(/ at column \d+/g, '')
    .replace(/(?:^|\s)\/(?:nodes|edges)\/\d+[^\s:]*:?\s*/g, ' ')
    .trim();
  if (missingProperty(text)) return 'is required';
  text = plainSchemaMessage(text, schema)
    .replace(/must name its sourceHandle/, 'must leave from one of its outputs')
    .replace(/"on_error": "branch"/, '“When it fails” set to branch');
  text = text.replace(/(cycle: )([^;]+)/, (_all, head: string, path: string) => {
    const steps = path.split(' → ').map((id) => (names.has(id) ? `“${names.get(id)}”` : id));
    return head + steps.join(' → ');
  });
  return text.replace(/`([^`]+)`/g, (all, id: string) => (names.has(id) ? `“${names.get(id)}”` : all));
}

/** Places inside a block: its field's label, then deeper (list items, a loop body's blocks). */
function placeInNode(
  node: WordedNode,
  segments: string[],
  message: string,
  catalogue: Map<string, NodeTypeDescriptor>,
): { place: string[]; fieldKey?: string } {
  const [head, key, ...rest] = segments;
  if (head === undefined) return { place: [] };
  if (head !== 'config') {
    if (head === 'retry' && key !== undefined) return { place: kRetryFields[key] ? [kRetryFields[key]] : ['Retry', humanize(key)], fieldKey: head };
    return { place: [kNodeFields[head] ?? humanize(head)], fieldKey: head };
  }
  const schema = catalogue.get(node.type)?.config_schema;
  if (key === undefined) {
    const missing = missingProperty(message);
    return missing ? { place: [fieldLabel(schema, missing)], fieldKey: `config.${missing}` } : { place: ['Settings'] };
  }
  const place = [fieldLabel(schema, key)];
  const value = node.config?.[key];
  // A loop's body is a graph of its own: name its block, then that block's field.
  if (rest[0] === 'nodes' && isObject(value) && Array.isArray(value.nodes)) {
    const inner = value.nodes[Number(rest[1])];
    if (isObject(inner) && typeof inner.id === 'string' && typeof inner.type === 'string') {
      const child: WordedNode = {
        id: inner.id,
        type: inner.type,
        label: typeof inner.label === 'string' ? inner.label : undefined,
        config: isObject(inner.config) ? inner.config : undefined,
      };
      place.push(blockTitle(child, catalogue), ...placeInNode(child, rest.slice(2), message, catalogue).place);
      return { place, fieldKey: `config.${key}` };
    }
  }
  for (const s of rest) place.push(/^\d+$/.test(s) ? `item ${Number(s) + 1}` : humanize(s));
  return { place, fieldKey: `config.${key}` };
}

/** The schema of the config value a problem is about, when it is in a block's config. */
function fieldSchema(node: WordedNode, segments: string[], catalogue: Map<string, NodeTypeDescriptor>): JsonSchema | undefined {
  return segments[0] === 'config' ? schemaAt(catalogue.get(node.type)?.config_schema, segments.slice(1)) : undefined;
}

/** The panel control of a field key (`config.prompt` → `cfg-<node>-prompt`). */
function controlId(nodeId: string, fieldKey: string | undefined): string | undefined {
  if (!fieldKey) return undefined;
  if (fieldKey.startsWith('config.')) return `cfg-${nodeId}-${fieldKey.slice('config.'.length)}`;
  return kNodeFieldIds[fieldKey];
}

/** Where a problem not inside a block or connection is. */
function topLevelPlace(pointer: string): string[] {
  const [head, key, ...rest] = parsePointer(pointer);
  if (head === undefined) return ['Pipeline'];
  if (head === 'settings') {
    return ['Pipeline settings', ...(key === undefined ? [] : [kSettingLabels[key] ?? humanize(key)]), ...rest.map(humanize)];
  }
  return kTopLevel[head] ? [kTopLevel[head], ...(key === undefined ? [] : [key])] : ['Pipeline', humanize(head)];
}

/** Words one placed problem for the problems list. */
export function wordProblem(problem: PlacedProblem, ctx: WordingContext): WordedProblem {
  const names = titles(ctx.nodes.values(), ctx.catalogue);
  const details = `${problem.pointer || '/'}: ${problem.message}`;
  const segments = parsePointer(problem.path);
  const node = problem.nodeId !== undefined ? ctx.nodes.get(problem.nodeId) : undefined;
  if (node) {
    const inner = placeInNode(node, segments, problem.message, ctx.catalogue);
    // The ids of a loop body's blocks read as their titles too.
    const innerNames = new Map(names);
    const body = Object.values(node.config ?? {}).find((v) => isObject(v) && Array.isArray(v.nodes));
    if (isObject(body) && Array.isArray(body.nodes)) {
      const inside = body.nodes.filter(isObject).filter((n) => typeof n.id === 'string' && typeof n.type === 'string');
      for (const [id, title] of titles(inside.map((n) => ({ id: n.id as string, type: n.type as string, label: n.label as string | undefined })), ctx.catalogue)) {
        if (!innerNames.has(id)) innerNames.set(id, title);
      }
    }
    const missing = missingProperty(problem.message);
    // "Missing required property" deeper than the config names the field only in its text.
    if (missing && segments.length > 1) inner.place.push(humanize(missing));
    return {
      place: [names.get(node.id) ?? node.id, ...inner.place],
      // A problem with an id is about the id as written: it stays as it is.
      text: wordMessage(problem.message, segments[0] === 'id' ? new Map() : innerNames, fieldSchema(node, segments, ctx.catalogue)),
      details,
      nodeId: node.id,
      fieldId: controlId(node.id, inner.fieldKey),
    };
  }
  const edge = problem.edgeId !== undefined ? ctx.edges.get(problem.edgeId) : undefined;
  if (edge) {
    const from = names.get(edge.source) ?? edge.source ?? '(none)';
    const to = names.get(edge.target) ?? edge.target ?? '(none)';
    const key = segments[0];
    return {
      place: [`Connection ${from} → ${to}`, ...(key ? [kEdgeFields[key] ?? humanize(key)] : [])],
      text: wordMessage(problem.message, names),
      details,
      nodeId: ctx.nodes.has(edge.target) ? edge.target : undefined,
    };
  }
  const [head, pinnedId] = parsePointer(problem.pointer);
  if (head === 'pinned' && pinnedId !== undefined && names.has(pinnedId)) {
    return { place: [names.get(pinnedId) ?? pinnedId, 'Pinned output'], text: wordMessage(problem.message, names), details, nodeId: pinnedId };
  }
  return { place: topLevelPlace(problem.pointer), text: wordMessage(problem.message, names), details };
}
