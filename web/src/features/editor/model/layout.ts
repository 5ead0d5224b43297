/** Spacing of the automatic layout, in canvas pixels. */
export const kLayerGap = 300;
export const kRowGap = 130;

interface LayoutEdge {
  source: string;
  target: string;
}

/**
 * A layered layout: each node's column is its longest distance from a source,
 * rows inside a column follow the average row of their parents (fewer
 * crossings), and each column is centred on the tallest one.
 */
export function layeredLayout(ids: string[], edges: LayoutEdge[]): Map<string, { x: number; y: number }> {
  const known = new Set(ids);
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  const children = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (known.has(e.source) && known.has(e.target) && e.source !== e.target) {
      parents.get(e.target)?.push(e.source);
      children.get(e.source)?.push(e.target);
    }
  }
  // Kahn's order; nodes left on a cycle go last, in their given order.
  const indegree = new Map(ids.map((id) => [id, parents.get(id)?.length ?? 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    order.push(id);
    for (const c of children.get(id) ?? []) {
      const d = (indegree.get(c) ?? 0) - 1;
      indegree.set(c, d);
      if (d === 0) queue.push(c);
    }
  }
  for (const id of ids) {
    if (!order.includes(id)) order.push(id);
  }
  const depth = new Map<string, number>();
  for (const id of order) {
    const ps = parents.get(id) ?? [];
    depth.set(id, ps.length ? Math.max(...ps.map((p) => (depth.get(p) ?? -1) + 1)) : 0);
  }
  const columns: string[][] = [];
  for (const id of order) {
    const d = depth.get(id) ?? 0;
    (columns[d] ??= []).push(id);
  }
  const row = new Map<string, number>();
  columns.forEach((column, d) => {
    if (d > 0) {
      const key = (id: string) => {
        const ps = parents.get(id) ?? [];
        return ps.length ? ps.reduce((sum, p) => sum + (row.get(p) ?? 0), 0) / ps.length : 0;
      };
      column.sort((a, b) => key(a) - key(b));
    }
    column.forEach((id, i) => row.set(id, i));
  });
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const positions = new Map<string, { x: number; y: number }>();
  columns.forEach((column, d) => {
    const offset = ((tallest - column.length) * kRowGap) / 2;
    column.forEach((id, i) => positions.set(id, { x: d * kLayerGap, y: offset + i * kRowGap }));
  });
  return positions;
}
