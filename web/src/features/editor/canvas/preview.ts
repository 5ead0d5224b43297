import type { Json, JsonObject } from '../../../shared/api/types';

const kPreviewChars = 90;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > kPreviewChars ? flat.slice(0, kPreviewChars - 1) + '…' : flat;
}

/** One line that says what a block is set to do (its first meaningful text field). */
export function configPreview(config: JsonObject): string {
  for (const key of ['template', 'prompt', 'if', 'value', 'text', 'url', 'items', 'label', 'name']) {
    const v = config[key];
    if (typeof v === 'string' && v.trim()) {
      return clip(v);
    }
    if (v !== undefined && v !== null && typeof v === 'object' && key === 'value') {
      return clip(JSON.stringify(v));
    }
  }
  if (typeof config.ms === 'number') {
    return `${config.ms} ms`;
  }
  return '';
}

/** One line of a block's output: its text when it has one, else compact JSON. */
export function outputPreview(output: Json | undefined): string {
  if (output === undefined || output === null) {
    return '';
  }
  if (typeof output === 'object' && !Array.isArray(output)) {
    for (const key of ['text', 'value', 'case']) {
      const v = output[key];
      if (typeof v === 'string') return clip(v);
      if (typeof v === 'boolean' || typeof v === 'number') return `${key}: ${String(v)}`;
    }
  }
  return clip(typeof output === 'string' ? output : JSON.stringify(output));
}
