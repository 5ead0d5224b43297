/** The nodes reachable from `start` along edges (`down`) or against them (up), `start` not included. */
export function reachable(edges: { source: string; target: string }[], start: string, down: boolean): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [from, to] = down ? [e.source, e.target] : [e.target, e.source];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const n of next.get(queue.shift() ?? '') ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  seen.delete(start);
  return [...seen];
}
