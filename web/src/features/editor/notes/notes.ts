/**
 * Sticky notes on the canvas. The pipeline document has no place for them
 * (the server refuses unknown top-level keys such as `ui`), so they are kept
 * in this browser's localStorage per workspace and pipeline until the server
 * stores a `notes` field; they are not part of versions, drafts or undo.
 */
export interface StickyNote {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Markdown. */
  text: string;
  color: NoteColor;
}

export type NoteColor = 'yellow' | 'blue' | 'green' | 'pink' | 'grey';

/** Background and border of each colour (light enough for text in either theme). */
export const kNoteColors: Record<NoteColor, { bg: string; border: string }> = {
  yellow: { bg: '#fef3c7', border: '#f59e0b' },
  blue: { bg: '#dbeafe', border: '#3b82f6' },
  green: { bg: '#dcfce7', border: '#22c55e' },
  pink: { bg: '#fce7f3', border: '#ec4899' },
  grey: { bg: '#f1f5f9', border: '#94a3b8' },
};

/** Note ids carry a `:`, which block ids cannot, so the two never meet on the canvas. */
export const kNotePrefix = 'note:';
export const isNoteId = (id: string) => id.startsWith(kNotePrefix);

export const kNoteSize = { width: 240, height: 140 };

const kPrefix = 'weft.notes.';
const noteKey = (workspace: string, pipelineId: string) => `${kPrefix}${workspace}\n${pipelineId}`;

function isNote(v: unknown): v is StickyNote {
  const n = v as StickyNote;
  return (
    typeof n === 'object' && n !== null && typeof n.id === 'string' && isNoteId(n.id) &&
    [n.x, n.y, n.width, n.height].every((x) => typeof x === 'number' && Number.isFinite(x)) &&
    typeof n.text === 'string' && n.color in kNoteColors
  );
}

/** The stored notes of a pipeline; what cannot be read is dropped. */
export function readNotes(workspace: string, pipelineId: string, storage: Storage = localStorage): StickyNote[] {
  try {
    const list: unknown = JSON.parse(storage.getItem(noteKey(workspace, pipelineId)) ?? '[]');
    return Array.isArray(list) ? list.filter(isNote) : [];
  } catch {
    return [];
  }
}

export function writeNotes(workspace: string, pipelineId: string, notes: StickyNote[], storage: Storage = localStorage): void {
  try {
    if (notes.length === 0) storage.removeItem(noteKey(workspace, pipelineId));
    else storage.setItem(noteKey(workspace, pipelineId), JSON.stringify(notes));
  } catch {
    // A full or blocked storage loses the notes' latest change, not the editor.
  }
}

/** A new note's id, unused among `notes`. */
export function nextNoteId(notes: StickyNote[]): string {
  const taken = new Set(notes.map((n) => n.id));
  let i = notes.length + 1;
  while (taken.has(`${kNotePrefix}${i}`)) i += 1;
  return `${kNotePrefix}${i}`;
}
