import type { Json, JsonObject, JsonSchema, NodeTypeDescriptor } from '../../../shared/api/types';

/** Palette order and colour of each category. */
export const kCategories: { name: string; color: string }[] = [
  { name: 'Input', color: '#10b981' },
  { name: 'LLM', color: '#8b5cf6' },
  { name: 'Knowledge', color: '#f59e0b' },
  { name: 'Logic', color: '#3b82f6' },
  { name: 'Integration', color: '#f97316' },
  { name: 'Output', color: '#ec4899' },
];

export function categoryColor(category: string | undefined): string {
  return kCategories.find((c) => c.name === category)?.color ?? '#64748b';
}

export function groupByCategory(types: NodeTypeDescriptor[]): { name: string; color: string; types: NodeTypeDescriptor[] }[] {
  const known = kCategories.map((c) => ({ ...c, types: types.filter((t) => t.category === c.name) }));
  const others = types.filter((t) => !kCategories.some((c) => c.name === t.category));
  if (others.length > 0) {
    known.push({ name: 'Other', color: categoryColor(undefined), types: others });
  }
  return known.filter((g) => g.types.length > 0);
}

/** A starting value for a schema: its default, or an empty value of its type. */
export function initialValue(schema: JsonSchema): Json | undefined {
  if (schema.default !== undefined) {
    return schema.default;
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0] ?? null;
  switch (type) {
    case 'string':
      return '';
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'object': {
      const out: JsonObject = {};
      for (const key of schema.required ?? []) {
        const sub = schema.properties?.[key];
        const value = sub ? initialValue(sub) : undefined;
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** The config of a new block: every required field with a starting value. */
export function initialConfig(descriptor: NodeTypeDescriptor | undefined): JsonObject {
  if (!descriptor) {
    return {};
  }
  const value = initialValue({ ...descriptor.config_schema, type: 'object', default: undefined });
  return (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as JsonObject;
}
