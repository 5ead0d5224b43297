/** Node ids: letters, digits, `_` and `-`, at most 128 (docs/pipelines.md). */
export const kNodeIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/** The first free `<type>_<n>`. */
export function nextNodeId(type: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`;
    if (!taken.has(id)) {
      return id;
    }
  }
}

/** Whether an id can be written as a plain name in expressions (`ticket.text`). */
export function isPlainName(id: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !kReserved.has(id);
}

const kReserved = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null', 'nodes', 'input', 'vars', 'item', 'index']);

/** How an expression names a node's output: `ticket` or `nodes["fetch-1"]`. */
export function referenceTo(id: string): string {
  return isPlainName(id) ? id : `nodes["${id}"]`;
}
