import type { Json, JsonObject, JsonSchema } from '../../../shared/api/types';
import { fieldProblems, type NodeProblem } from '../model/problems';
import type { Completion } from './completions';
import { SchemaField } from './SchemaField';
import { missingProperty } from './widgets';

/**
 * A form generated from a node type's config schema. Each property gets the
 * control its type or `x-weft-widget` asks for; problems from the server
 * (pointer `/config/<name>`) show under their field.
 */
export function SchemaForm({
  idPrefix,
  schema,
  value,
  problems,
  completions = [],
  onChange,
}: {
  idPrefix: string;
  schema: JsonSchema;
  value: JsonObject;
  problems?: NodeProblem[];
  completions?: Completion[];
  onChange: (name: string, value: Json | undefined) => void;
}) {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const general: string[] = [];
  const missing = new Map<string, string[]>();
  for (const p of problems ?? []) {
    if (p.path === '/config' || p.path === '') {
      const field = missingProperty(p.message);
      if (field && schema.properties?.[field]) {
        missing.set(field, [...(missing.get(field) ?? []), p.message]);
      } else if (p.path === '/config') {
        general.push(p.message);
      }
    }
  }
  const known = new Set(properties.map(([name]) => name));
  for (const p of problems ?? []) {
    const field = p.path.split('/')[2];
    if (p.path.startsWith('/config/') && field && !known.has(field)) {
      general.push(`${field}: ${p.message}`);
    }
  }
  if (properties.length === 0) {
    return <p className="text-xs text-muted">This block has no settings.</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      {general.map((m) => (
        <p key={m} role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-xs text-danger">
          {m}
        </p>
      ))}
      {properties.map(([name, sub]) => (
        <SchemaField
          key={name}
          idPrefix={idPrefix}
          name={name}
          schema={sub}
          value={value[name]}
          required={required.has(name)}
          problems={[...(missing.get(name) ?? []), ...fieldProblems(problems, `/config/${name}`)]}
          completions={completions}
          siblings={value}
          onChange={(v) => onChange(name, v)}
        />
      ))}
    </div>
  );
}
