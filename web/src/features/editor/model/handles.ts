import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { handlesOf } from './descriptorRules';
import type { WeftNodeData } from './flow';

export interface NodeHandles {
  /** Whether the node takes incoming connections. */
  input: boolean;
  /** Output handle ids; `null` is the one unnamed output of an ordinary block. */
  outputs: (string | null)[];
}

/**
 * A node's handles from its type's rules (`output_handles`) and its config:
 * the named outputs when there are some, one unnamed output otherwise, and
 * `error` when `on_error` is `branch`.
 */
export function handlesFor(descriptor: NodeTypeDescriptor | undefined, data: WeftNodeData): NodeHandles {
  const named = handlesOf(descriptor?.output_handles, data.config);
  const outputs: (string | null)[] = named.length > 0 ? named : [null];
  if (data.on_error === 'branch') {
    outputs.push('error');
  }
  return { input: descriptor ? descriptor.inputs.length > 0 : true, outputs };
}
