import type { Json, JsonObject, JsonSchema } from '../../shared/api/types';

/** What a credential field is edited with. */
export type FieldControl = 'secret' | 'text' | 'number' | 'select' | 'headers';

export function controlFor(schema: JsonSchema): FieldControl {
  if (schema.type === 'object') return 'headers';
  if (schema.enum && schema.enum.length > 0) return 'select';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  return schema['x-weft-secret'] ? 'secret' : 'text';
}

/** "Name: value" lines → an object; lines without a colon are skipped. */
export function parseHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    if (name) out[name] = line.slice(at + 1).trim();
  }
  return out;
}

/**
 * The `data` to send for the typed form values. A field left empty is left
 * out: on create the server then reports it if it is required, and on edit
 * (PATCH merges) it keeps its stored value — the form cannot show stored
 * values, since they are write-only.
 */
export function credentialData(schema: JsonSchema, values: Record<string, string>): JsonObject {
  const data: JsonObject = {};
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const text = values[name] ?? '';
    if (text.trim() === '') continue;
    let value: Json = text;
    const control = controlFor(sub);
    if (control === 'number') {
      const n = Number(text);
      value = Number.isNaN(n) ? text : n;
    } else if (control === 'headers') {
      value = parseHeaderLines(text);
    }
    data[name] = value;
  }
  return data;
}

/** Required fields still empty on create (on edit nothing is missing: empty keeps). */
export function missingFields(schema: JsonSchema, values: Record<string, string>, editing: boolean): string[] {
  if (editing) return [];
  return (schema.required ?? []).filter((name) => (values[name] ?? '').trim() === '');
}
