import type { JsonObject, NodeTypeDescriptor } from '../../../shared/api/types';
import type { WeftNodeData } from './flow';

export interface NodeHandles {
  /** Whether the node takes incoming connections. */
  input: boolean;
  /** Output handle ids; `null` is the one unnamed output of an ordinary block. */
  outputs: (string | null)[];
}

/** Types with a handle per entry of a config list (the entry's `name`), before their declared ones. */
const kHandleLists: Record<string, string> = { switch: 'cases', llm_classify: 'labels' };

function caseNames(config: JsonObject, key: string): string[] {
  const cases = config[key];
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
 * (`true`/`false` of condition; a handle per switch case plus `default`, per
 * llm_classify label plus `other`),
 * one unnamed output otherwise, and `error` when `on_error` is `branch`.
 */
export function handlesFor(descriptor: NodeTypeDescriptor | undefined, data: WeftNodeData): NodeHandles {
  const declared = descriptor?.outputs ?? [];
  let outputs: (string | null)[];
  const list = kHandleLists[data.type];
  if (list) {
    const named = caseNames(data.config, list);
    outputs = [...named, ...declared.filter((h) => !named.includes(h))];
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
