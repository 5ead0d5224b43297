import type { Json, JsonObject } from '../../shared/api/types';

type Row = Record<string, Json>;

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: Json) => v === null || typeof v !== 'object';

/** A value short enough for a table cell. */
function cell(v: Json): string {
  if (v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A file value (`{id, name, mime, size, sha256}`): the name is what a reader wants. */
function isFileValue(v: Json): v is { name: string; size: number } {
  return isObject(v) && typeof v.name === 'string' && typeof v.sha256 === 'string' && typeof v.id === 'string';
}

/** A list of flat objects: one row each, the columns the union of their keys in first-seen order. */
function asTable(v: Json): { columns: string[]; rows: Row[] } | null {
  if (!Array.isArray(v) || v.length === 0 || !v.every((r) => isObject(r) && Object.values(r).every(isScalar))) return null;
  const rows = v as Row[];
  const columns: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return { columns, rows };
}

/** One output, readably: text as text, a flat object or a list of them as a table, anything else as JSON. */
function Value({ value }: { value: Json }) {
  if (typeof value === 'string') return <p className="text-sm leading-6 break-words whitespace-pre-wrap">{value}</p>;
  if (isScalar(value)) return <p className="text-sm tabular-nums">{String(value)}</p>;
  if (isFileValue(value)) return <p className="text-sm">File: {value.name}</p>;
  const table = asTable(value);
  if (table) {
    return (
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-line text-xs text-muted">
              {table.columns.map((c) => (
                <th key={c} className="px-2 py-1 font-medium">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i} className="border-b border-line last:border-0">
                {table.columns.map((c) => (
                  <td key={c} className="px-2 py-1 align-top">
                    {cell(r[c] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (isObject(value) && Object.values(value).every(isScalar)) {
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-muted">{k}</dt>
            <dd className="break-words">{cell(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <pre className="overflow-x-auto rounded-lg bg-surface-2 p-3 font-mono text-xs leading-5">{JSON.stringify(value, null, 2)}</pre>;
}

/** The outputs of a finished run; one output shows without its name. */
export function FormAnswer({ outputs }: { outputs: JsonObject }) {
  const entries = Object.entries(outputs);
  if (entries.length === 1) return <Value value={entries[0]![1]} />;
  return (
    <div className="flex flex-col gap-4">
      {entries.map(([name, value]) => (
        <section key={name} aria-label={name} className="flex flex-col gap-1">
          <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">{name}</h3>
          <Value value={value} />
        </section>
      ))}
    </div>
  );
}
