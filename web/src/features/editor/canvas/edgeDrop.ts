import type { NodeTypeDescriptor } from '../../../shared/api/types';
import type { WeftNodeData } from '../model/flow';
import { handlesFor } from '../model/handles';
import { isTerminal } from './terminal';

/**
 * The id of the edge under a point of the window, if any (React Flow draws a
 * 20 px wide invisible path along each edge to catch the pointer), leaving
 * out edges `except` touches.
 */
export function edgeAtPoint(x: number, y: number, except?: string): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    const id = edge?.getAttribute('data-id');
    if (!id) continue;
    if (except && (id.startsWith(`${except}:`) || id.endsWith(`->${except}`))) continue;
    return id;
  }
  return null;
}

/**
 * The output a block sends on when it splits an edge: its one output, or the
 * first of its named ones (a condition's `true`). Null when it cannot sit in
 * the middle of an edge: an input takes nothing in, an output sends nothing on.
 */
export function spliceHandle(descriptor: NodeTypeDescriptor | undefined, data: WeftNodeData): { outHandle: string | null } | null {
  if (isTerminal(descriptor)) return null;
  const handles = handlesFor(descriptor, data);
  if (!handles.input) return null;
  return { outHandle: handles.outputs[0] ?? null };
}

/**
 * Marks the edge a palette drag is over (thicker, in the accent colour), so
 * the drop's splitting is no surprise; `null` clears the mark. Returns the
 * marked edge's id.
 */
export function markDropEdge(id: string | null, previous: string | null): string | null {
  if (id === previous) return id;
  const path = (edge: string | null) =>
    edge ? document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edge)}"] .react-flow__edge-path`) : null;
  const old = path(previous);
  if (old) {
    old.style.stroke = old.dataset.stroke ?? '';
    old.style.strokeWidth = old.dataset.strokeWidth ?? '';
  }
  const next = path(id);
  if (next) {
    next.dataset.stroke = next.style.stroke;
    next.dataset.strokeWidth = next.style.strokeWidth;
    next.style.stroke = 'var(--accent)';
    next.style.strokeWidth = '3';
  }
  return id;
}
