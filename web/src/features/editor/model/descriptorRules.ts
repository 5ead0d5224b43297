import type { HandleRule, Json, JsonObject, RunInputRule } from '../../../shared/api/types';

/**
 * The one evaluator, in the editor, of the rules node types declare in
 * `GET /api/node-types` (`output_handles`, `chosen_handle`, `run_inputs`); the
 * server evaluates the same rules in src/nodes/descriptor_rules.cpp. Nothing
 * here names a block type.
 */

const isObject = (v: Json | undefined): v is JsonObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * The value at JSON Pointer `pointer` in `value`, or undefined. The empty
 * pointer (and `/`) names nothing: a rule never means the whole config.
 * @example findAt({ cases: [{ name: 'en' }] }, '/cases/0/name') // 'en'
 */
export function findAt(value: Json | undefined, pointer: string | undefined): Json | undefined {
  if (!pointer || pointer.length < 2 || !pointer.startsWith('/')) return undefined;
  let current: Json | undefined = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      current = /^(0|[1-9][0-9]*)$/.test(token) ? current[Number(token)] : undefined;
    } else if (isObject(current)) {
      current = Object.prototype.hasOwnProperty.call(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** The config objects a rule reads: the config itself, or each object entry of its list. */
function scopes(each: string | undefined, config: JsonObject): JsonObject[] {
  if (!each) return [config];
  const list = findAt(config, each);
  return Array.isArray(list) ? list.filter(isObject) : [];
}

const text = (scope: JsonObject, pointer: string | undefined): string | undefined => {
  const v = findAt(scope, pointer);
  return typeof v === 'string' && v ? v : undefined;
};

const flag = (scope: JsonObject, pointer: string | undefined, otherwise: boolean): boolean => {
  const v = findAt(scope, pointer);
  return typeof v === 'boolean' ? v : otherwise;
};

/**
 * A node's named output handles, in rule order, each once; empty means one
 * unnamed output. (`error`, for `on_error: branch`, belongs to every type and
 * is not a rule.)
 * @example handlesOf([{ each: '/cases', name_at: '/name' }, { name: 'default' }], { cases: [{ name: 'en' }] }) // ['en', 'default']
 */
export function handlesOf(rules: HandleRule[] | undefined, config: JsonObject): string[] {
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name && !names.includes(name)) names.push(name);
  };
  for (const rule of rules ?? []) {
    if (rule.name) {
      add(rule.name);
      continue;
    }
    for (const entry of scopes(rule.each, config)) add(text(entry, rule.name_at));
  }
  return names;
}

/**
 * The handles an output chose, read at `chosenAt`: a string names one, a
 * boolean the handle `true` or `false`, an array of strings several.
 * @example chosenHandles('/value', { value: false }) // ['false']
 */
export function chosenHandles(chosenAt: string | null | undefined, output: Json | undefined): string[] {
  const chosen = findAt(output, chosenAt ?? undefined);
  if (typeof chosen === 'boolean') return [String(chosen)];
  if (typeof chosen === 'string') return [chosen];
  if (Array.isArray(chosen)) return [...new Set(chosen.filter((h): h is string => typeof h === 'string'))];
  return [];
}

/** One run input a node contributes, as its type's rules give it for the node's config. */
export interface RunInput {
  name: string;
  label: string;
  description?: string;
  /** A JSON type (`string`, `integer`, …); undefined: any JSON value. */
  type?: string;
  required: boolean;
  default?: Json;
  multiline: boolean;
  schema?: Json;
  /** File inputs: MIME types or extensions; absent: any file. */
  accept?: string[];
  /** File inputs: the largest file, in bytes. */
  maxBytes?: number;
  /** File inputs: a list of files rather than one. */
  multiple?: boolean;
}

/**
 * The run inputs of node `nodeId` with this config, in rule order.
 * @example nodeRunInputs([{ type: 'string', name_at: '/name' }], {}, 'q') // [{ name: 'q', label: 'q', type: 'string', required: true, multiline: false }]
 */
export function nodeRunInputs(rules: RunInputRule[] | undefined, config: JsonObject, nodeId: string): RunInput[] {
  const inputs: RunInput[] = [];
  for (const rule of rules ?? []) {
    for (const scope of scopes(rule.each, config)) {
      const name = text(scope, rule.name_at) ?? nodeId;
      const input: RunInput = {
        name,
        label: text(scope, rule.label_at) ?? name,
        required: flag(scope, rule.required_at, true),
        multiline: flag(scope, rule.multiline_at, false),
      };
      const description = text(scope, rule.description_at);
      if (description) input.description = description;
      const type = text(scope, rule.type_at) ?? rule.type;
      if (type) input.type = type;
      const fallback = findAt(scope, rule.default_at);
      if (fallback !== undefined) input.default = fallback;
      const schema = findAt(scope, rule.schema_at);
      if (schema !== undefined) input.schema = schema;
      const accept = findAt(scope, rule.accept_at);
      if (Array.isArray(accept)) input.accept = accept.filter((a): a is string => typeof a === 'string' && a !== '');
      const maxBytes = findAt(scope, rule.max_bytes_at);
      if (typeof maxBytes === 'number' && Number.isInteger(maxBytes)) input.maxBytes = maxBytes;
      if (flag(scope, rule.multiple_at, false)) input.multiple = true;
      inputs.push(input);
    }
  }
  return inputs;
}
