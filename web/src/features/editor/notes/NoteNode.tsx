import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useState } from 'react';
import { cn } from '../../../shared/lib/cn';
import { IconButton } from '../../../shared/ui/Button';
import { Markdown } from './Markdown';
import { kNoteColors, type NoteColor, type StickyNote } from './notes';

export type NoteFlowNode = Node<{ text: string; color: NoteColor }, 'note'>;

/** What a note on the canvas can do to its own record. */
export interface NoteActions {
  update(id: string, patch: Partial<StickyNote>): void;
  remove(id: string): void;
  readOnly: boolean;
}
export const NoteActionsContext = createContext<NoteActions | null>(null);

/** Smallest note a resize leaves. */
const kMinSize = { width: 120, height: 60 };

/**
 * A sticky note: Markdown shown read-only; a double-click edits it (Escape or
 * a click elsewhere keeps the text); resizable and coloured when selected.
 */
export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const actions = useContext(NoteActionsContext);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(data.text);
  const colors = kNoteColors[data.color] ?? kNoteColors.yellow;
  const readOnly = actions?.readOnly ?? true;
  const finish = () => {
    setEditing(false);
    if (draft !== data.text) actions?.update(id, { text: draft });
  };
  return (
    <div
      data-testid={`note-${id}`}
      className={cn('flex h-full w-full flex-col rounded-lg border text-[13px] leading-5 text-slate-800 shadow-card', selected && 'ring-2 ring-accent ring-offset-1')}
      style={{ background: colors.bg, borderColor: colors.border }}
      onDoubleClick={(e) => {
        if (readOnly) return;
        e.stopPropagation();
        setDraft(data.text);
        setEditing(true);
      }}
    >
      {!readOnly ? <NodeResizer isVisible={selected} minWidth={kMinSize.width} minHeight={kMinSize.height} color={colors.border} /> : null}
      {selected && !readOnly && !editing ? (
        <div className="nodrag absolute -top-9 left-0 flex items-center gap-1 rounded-lg border border-line bg-surface p-1 shadow-pop" data-testid="note-toolbar">
          {(Object.keys(kNoteColors) as NoteColor[]).map((c) => (
            <button
              key={c}
              type="button"
              aria-label={`Colour ${c}`}
              aria-pressed={c === data.color}
              onClick={() => actions?.update(id, { color: c })}
              className={cn('h-5 w-5 rounded-full border', c === data.color && 'ring-2 ring-accent')}
              style={{ background: kNoteColors[c].bg, borderColor: kNoteColors[c].border }}
            />
          ))}
          <IconButton icon="trash" label="Delete note" onClick={() => actions?.remove(id)} />
        </div>
      ) : null}
      {editing ? (
        <textarea
          autoFocus
          aria-label="Note text (Markdown)"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={finish}
          onKeyDown={(e) => {
            if (e.key === 'Escape') finish();
          }}
          className="nodrag nowheel h-full w-full resize-none rounded-lg bg-white/60 p-2 font-mono text-[12px] outline-none"
        />
      ) : (
        <div className="nowheel min-h-0 flex-1 overflow-auto p-2.5 [overflow-wrap:anywhere]" data-testid={`note-text-${id}`}>
          {data.text.trim() ? <Markdown text={data.text} /> : <span className="text-slate-500 italic">Double-click to write a note</span>}
        </div>
      )}
    </div>
  );
});
