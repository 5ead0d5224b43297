import type { FileValue, Json } from '../api/types';

/** How deep `filesIn` looks into a value, and how many files it lists at most. */
const kMaxDepth = 6;
const kMaxFiles = 20;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether a JSON value is a file value (docs/files.md): an object with an id
 * `file_…`, a name, a MIME type, a size and a SHA-256.
 * @example isFileValue({ id: 'file_1', name: 'a.csv', mime: 'text/csv', size: 3, sha256: '…' }) // true
 */
export function isFileValue(value: Json | undefined): value is FileValue {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    value.id.startsWith('file_') &&
    typeof value.name === 'string' &&
    typeof value.mime === 'string' &&
    typeof value.size === 'number' &&
    typeof value.sha256 === 'string'
  );
}

/**
 * The file values in a run's or a block's output, each once, in the order
 * they appear (a File output's `{"file": …}`, a run's outputs by name, a
 * File input's `files` list).
 */
export function filesIn(value: Json | undefined): FileValue[] {
  const found = new Map<string, FileValue>();
  const walk = (v: Json | undefined, depth: number) => {
    if (found.size >= kMaxFiles || depth > kMaxDepth || v === null || typeof v !== 'object') return;
    if (isFileValue(v)) {
      if (!found.has(v.id)) found.set(v.id, v);
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) walk(item, depth + 1);
  };
  walk(value, 0);
  return [...found.values()];
}

/**
 * A size for people.
 * @example formatBytes(1536) // '1.5 KB'
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
