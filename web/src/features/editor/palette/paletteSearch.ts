import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { kPaletteSynonyms } from './synonyms';

/** Lower-case words of a text ("LLM chat" → llm, chat; "http_request" → http, request). */
const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * How well a block fits a query: 3 its title or type starts with it, 2.5 it
 * is one of its synonyms, 2 a synonym starts with it, 1 a word of its
 * description does, 0 no match. Every
 * word of the query must start some word of the block (so "if" finds
 * Condition, not "classify").
 */
export function paletteScore(type: NodeTypeDescriptor, query: string, synonyms = kPaletteSynonyms): number {
  const q = query.trim().toLowerCase();
  if (!q) return 1;
  const title = [...words(type.title), ...words(type.type)];
  const synonym = (synonyms[type.type] ?? []).flatMap((s) => [s.toLowerCase(), ...words(s)]);
  const described = [...words(type.description), ...words(type.category)];
  const starts = (list: string[], part: string) => list.some((w) => w.startsWith(part));
  const parts = words(q);
  if (parts.length === 0) return 0;
  if (type.title.toLowerCase().startsWith(q) || type.type.startsWith(q)) return 3;
  if (parts.every((p) => starts(title, p))) return 3;
  if ((synonyms[type.type] ?? []).some((s) => s.toLowerCase() === q)) return 2.5;
  if (synonym.some((s) => s.startsWith(q)) || parts.every((p) => starts([...title, ...synonym], p))) return 2;
  if (parts.every((p) => starts([...title, ...synonym, ...described], p))) return 1;
  return 0;
}

/** The blocks matching a query, best first (ties keep the catalogue's order). */
export function searchPalette(types: NodeTypeDescriptor[], query: string): NodeTypeDescriptor[] {
  if (!query.trim()) return types;
  return types
    .map((t, i) => ({ t, i, score: paletteScore(t, query) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((m) => m.t);
}
