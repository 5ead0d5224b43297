import type { NodeTypeDescriptor } from '../../../shared/api/types';

/**
 * Whether blocks of this type end a pipeline (category `Output`, as the
 * server spells it in /api/node-types): they have no outgoing handle and no
 * connection may start from them.
 */
export function isTerminal(descriptor: NodeTypeDescriptor | undefined): boolean {
  return descriptor?.category.toLowerCase() === 'output';
}
