import type { Json, JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import { nodeRunInputs } from '../model/descriptorRules';

export type InputKind = 'text' | 'number' | 'integer' | 'boolean' | 'json' | 'file';

/** One field of the run form, from an input node's config. */
export interface RunInputField {
  name: string;
  label: string;
  description?: string;
  kind: InputKind;
  required: boolean;
  default?: Json;
  multiline?: boolean;
  /** A JSON Schema the value must match (a JSON input's `schema`). */
  schema?: Json;
  /** File fields: the MIME types (`text/*`) or extensions (`.csv`) taken; absent: any. */
  accept?: string[];
  /** File fields: the largest file, in bytes. */
  maxBytes?: number;
  /** File fields: several files (a list of file values). */
  multiple?: boolean;
  nodeId: string;
}

interface GraphNode {
  id: string;
  data: { type: string; config: JsonObject };
}

function kindOf(type: string | undefined): InputKind {
  if (type === 'string') return 'text';
  if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'file') return type;
  return 'json';
}

/**
 * The pipeline's inputs, in canvas order (DESIGN §3: its input nodes form its
 * input schema), from each type's `run_inputs` rules.
 */
export function runInputsOf(nodes: GraphNode[], catalogue: Map<string, NodeTypeDescriptor>): RunInputField[] {
  const fields: RunInputField[] = [];
  for (const node of nodes) {
    const rules = catalogue.get(node.data.type)?.run_inputs;
    for (const input of nodeRunInputs(rules, node.data.config, node.id)) {
      const field: RunInputField = {
        name: input.name,
        label: input.label,
        kind: kindOf(input.type),
        required: input.required && input.default === undefined,
        nodeId: node.id,
      };
      if (input.description) field.description = input.description;
      if (input.default !== undefined) field.default = input.default;
      if (input.multiline) field.multiline = true;
      if (input.schema !== undefined) field.schema = input.schema;
      if (input.accept && input.accept.length > 0) field.accept = input.accept;
      if (input.maxBytes !== undefined) field.maxBytes = input.maxBytes;
      if (input.multiple) field.multiple = true;
      fields.push(field);
    }
  }
  return fields;
}

/** An example request body: defaults where there are some, a placeholder otherwise. */
export function exampleInputs(fields: RunInputField[]): JsonObject {
  const body: JsonObject = {};
  for (const f of fields) {
    if (f.default !== undefined) {
      body[f.name] = f.default;
      continue;
    }
    if (f.kind === 'file') {
      // A file uploaded first (POST /api/files) is named by its id.
      const file = { id: 'file_…' };
      body[f.name] = f.multiple ? [file] : file;
      continue;
    }
    body[f.name] =
      f.kind === 'text' ? `Your ${f.label.toLowerCase()}` : f.kind === 'boolean' ? true : f.kind === 'json' ? {} : 1;
  }
  return body;
}

/** A file value naming an upload (`POST /api/files`), or a list of them. */
function fileSchema(f: RunInputField): JsonObject {
  const one: JsonObject = {
    type: 'object',
    properties: { id: { type: 'string', description: 'The id `POST /api/files` answered' } },
    required: ['id'],
  };
  return f.multiple ? { type: 'array', items: one } : one;
}

/** The JSON Schema of the run's body. */
export function inputSchema(fields: RunInputField[]): JsonObject {
  const properties: JsonObject = {};
  for (const f of fields) {
    const prop: JsonObject = f.schema && typeof f.schema === 'object' && !Array.isArray(f.schema) ? { ...f.schema } : {};
    if (f.kind === 'text') prop.type = 'string';
    else if (f.kind === 'file') Object.assign(prop, fileSchema(f));
    else if (f.kind !== 'json') prop.type = f.kind;
    if (f.label !== f.name) prop.title = f.label;
    if (f.description) prop.description = f.description;
    if (f.default !== undefined) prop.default = f.default;
    properties[f.name] = prop;
  }
  return {
    type: 'object',
    properties,
    required: fields.filter((f) => f.required && f.default === undefined).map((f) => f.name),
  };
}
