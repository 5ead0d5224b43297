import type { Json, JsonObject } from '../../../shared/api/types';
import { isPlainName } from './ids';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites references to node `from` into `to` inside the `{{ … }}` holes of a text. */
export function renameInTemplate(text: string, from: string, to: string): string {
  if (!text.includes('{{')) {
    return text;
  }
  const bare = new RegExp(`(^|[^A-Za-z0-9_.\\]"'])${escape(from)}(?![A-Za-z0-9_-])`, 'g');
  const quoted = new RegExp(`nodes\\[(["'])${escape(from)}\\1\\]`, 'g');
  const dotted = new RegExp(`nodes\\.${escape(from)}(?![A-Za-z0-9_-])`, 'g');
  return text.replace(/\{\{([\s\S]*?)\}\}/g, (_hole, inner: string) => {
    let out = inner.replace(quoted, isPlainName(to) ? to : `nodes["${to}"]`);
    out = out.replace(dotted, isPlainName(to) ? to : `nodes["${to}"]`);
    if (isPlainName(from)) {
      out = out.replace(bare, (_m, pre: string) => pre + (isPlainName(to) ? to : `nodes["${to}"]`));
    }
    return `{{${out}}}`;
  });
}

/** Applies `renameInTemplate` to every string inside a config value. */
export function renameInValue(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') {
    return renameInTemplate(value, from, to);
  }
  if (Array.isArray(value)) {
    return value.map((v) => renameInValue(v, from, to));
  }
  if (value && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = renameInValue(v, from, to);
    }
    return out;
  }
  return value;
}
