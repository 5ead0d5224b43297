import type { JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import type { WeftNodeData } from './flow';

export interface NodeHandles {
  /** Whether the node takes incoming connections. */
  input: boolean;
  /** Output handle ids; `null` is the one unnamed output of an ordinary block. */
  outputs: (string | null)[];
}

function caseNames(config: JsonObject): string[] {
  const cases = config.cases;
  if (!Array.isArray(cases)) {
    return [];
  }
  const names: string[] = [];
  for (const c of cases) {
    if (c && typeof c === 'object' && !Array.isArray(c) && typeof c.name === 'string' && c.name) {
      if (!names.includes(c.name)) names.push(c.name);
    }
  }
  return names;
}

/**
 * A node's handles from its type: named outputs when the type declares them
 * (`true`/`false` of condition; a handle per switch case plus `default`),
 * one unnamed output otherwise, and `error` when `on_error` is `branch`.
 */
export function handlesFor(descriptor: NodeTypeDescriptor | undefined, data: WeftNodeData): NodeHandles {
  const declared = descriptor?.outputs ?? [];
  let outputs: (string | null)[];
  if (data.type === 'switch') {
    outputs = [...caseNames(data.config), ...declared.filter((h) => h !== 'default'), 'default'];
  } else if (declared.length > 0) {
    outputs = [...declared];
  } else {
    outputs = [null];
  }
  if (data.on_error === 'branch') {
    outputs.push('error');
  }
  return { input: descriptor ? descriptor.inputs.length > 0 : true, outputs };
}
