import type { Json, JsonObject } from '../../../shared/api/types';

export type InputKind = 'text' | 'number' | 'integer' | 'boolean' | 'json';

/** One field of the run form, from an input node's config. */
export interface RunInputField {
  name: string;
  label: string;
  description?: string;
  kind: InputKind;
  required: boolean;
  default?: Json;
  multiline?: boolean;
  nodeId: string;
}

interface InputNode {
  id: string;
  data: { type: string; config: JsonObject };
}

const str = (v: Json | undefined) => (typeof v === 'string' && v ? v : undefined);

/** The pipeline's inputs, in canvas order (DESIGN §3: its input nodes form its input schema). */
export function runInputsOf(nodes: InputNode[]): RunInputField[] {
  const fields: RunInputField[] = [];
  for (const node of nodes) {
    const c = node.data.config;
    const required = c.required !== false;
    switch (node.data.type) {
      case 'input_text':
      case 'input_file': {
        const name = str(c.name) ?? node.id;
        fields.push({
          name,
          label: str(c.label) ?? name,
          description: str(c.description),
          kind: 'text',
          required,
          default: c.default,
          multiline: c.multiline === true || node.data.type === 'input_file',
          nodeId: node.id,
        });
        break;
      }
      case 'input_json': {
        const name = str(c.name) ?? node.id;
        fields.push({ name, label: str(c.label) ?? name, description: str(c.description), kind: 'json', required, default: c.default, nodeId: node.id });
        break;
      }
      case 'input_variables':
        for (const v of Array.isArray(c.variables) ? c.variables : []) {
          if (!v || typeof v !== 'object' || Array.isArray(v) || typeof v.name !== 'string') continue;
          const type = typeof v.type === 'string' ? v.type : 'string';
          const kind: InputKind =
            type === 'number' || type === 'integer' || type === 'boolean' ? type : type === 'string' ? 'text' : 'json';
          fields.push({
            name: v.name,
            label: v.name,
            description: str(v.description),
            kind,
            required: v.required !== false && v.default === undefined,
            default: v.default,
            nodeId: node.id,
          });
        }
        break;
      default:
        break;
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
    body[f.name] =
      f.kind === 'text' ? `Your ${f.label.toLowerCase()}` : f.kind === 'boolean' ? true : f.kind === 'json' ? {} : 1;
  }
  return body;
}

/** The JSON Schema of the run's body. */
export function inputSchema(fields: RunInputField[]): JsonObject {
  const properties: JsonObject = {};
  for (const f of fields) {
    const prop: JsonObject = {};
    if (f.kind === 'text') prop.type = 'string';
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
