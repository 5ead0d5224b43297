import type { JsonSchema } from '../../../shared/api/types';

export type WidgetKind = 'text' | 'number' | 'select' | 'toggle' | 'json' | 'template' | 'picker' | 'credential' | 'model' | 'provider';

/** The form control for a schema (DESIGN §6: `x-weft-widget` hints first, then the JSON type). */
export function widgetFor(schema: JsonSchema): WidgetKind {
  const hint = schema['x-weft-widget'];
  if (hint === 'template') return 'template';
  if (hint === 'code') return 'json';
  if (hint === 'credential') return 'credential';
  if (hint === 'model') return 'model';
  if (hint === 'provider') return 'provider';
  if (hint === 'knowledge_base') return 'picker';
  if (schema.enum && schema.enum.length > 0) return 'select';
  const type = Array.isArray(schema.type) ? (schema.type.length === 1 ? schema.type[0] : undefined) : schema.type;
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'toggle';
    default:
      return 'json';
  }
}

/** "timeout_ms" → "Timeout (ms)", "max_tokens" → "Max tokens". */
export function humanize(name: string): string {
  const words = name.replace(/_ms$/, ' (ms)').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field a "Missing required property 'x'." problem on the whole config is about. */
export function missingProperty(message: string): string | null {
  const match = /required property '([^']+)'/i.exec(message);
  return match?.[1] ?? null;
}
