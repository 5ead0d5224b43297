import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { blockTitle } from './problemWords';

export interface FindableNode {
  id: string;
  position: { x: number; y: number };
  data: { type: string; label?: string };
}

/**
 * The blocks a Find query names, by title, id, type or the type's title
 * (case-insensitive, anywhere in the word), in reading order: top to bottom,
 * then left to right, so Enter walks the canvas the way the eye does.
 */
export function findBlocks(nodes: FindableNode[], catalogue: Map<string, NodeTypeDescriptor>, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return nodes
    .filter((n) => {
      const title = blockTitle({ id: n.id, type: n.data.type, label: n.data.label }, catalogue);
      const typeTitle = catalogue.get(n.data.type)?.title ?? '';
      return [title, n.id, n.data.type, typeTitle].some((s) => s.toLowerCase().includes(q));
    })
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)
    .map((n) => n.id);
}

/** The next match after a step (+1 or -1), wrapping round. */
export function stepMatch(count: number, at: number, step: number): number {
  if (count === 0) return -1;
  return (((at + step) % count) + count) % count;
}
