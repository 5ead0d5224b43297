import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { AuthContext } from '../../../app/AuthContext';
import type { NoteActions, NoteFlowNode } from './NoteNode';
import { kNoteSize, nextNoteId, readNotes, writeNotes, type StickyNote } from './notes';

/** Writes wait this long after the last change (a drag changes a note every frame). */
const kWriteDelayMs = 300;

const toFlow = (n: StickyNote, selected = false): NoteFlowNode => ({
  id: n.id,
  type: 'note',
  position: { x: n.x, y: n.y },
  width: n.width,
  height: n.height,
  zIndex: -1,
  selected,
  data: { text: n.text, color: n.color },
});
const fromFlow = (n: NoteFlowNode): StickyNote => ({
  id: n.id,
  x: Math.round(n.position.x),
  y: Math.round(n.position.y),
  width: Math.round(n.width ?? n.measured?.width ?? kNoteSize.width),
  height: Math.round(n.height ?? n.measured?.height ?? kNoteSize.height),
  text: n.data.text,
  color: n.data.color,
});

/**
 * The sticky notes of a pipeline as canvas nodes, kept in localStorage
 * (see notes.ts for why there). `pipelineId` undefined: nothing is stored.
 */
export function useNotes(pipelineId: string | undefined, readOnly: boolean) {
  const workspace = useContext(AuthContext)?.session.workspace()?.id ?? 'open';
  const [nodes, setNodes] = useState<NoteFlowNode[]>(() => (pipelineId ? readNotes(workspace, pipelineId).map((n) => toFlow(n)) : []));
  const dirty = useRef(false);
  useEffect(() => {
    if (!pipelineId || !dirty.current) return;
    const timer = setTimeout(() => writeNotes(workspace, pipelineId, nodes.map(fromFlow)), kWriteDelayMs);
    return () => clearTimeout(timer);
  }, [nodes, pipelineId, workspace]);
  const change = useCallback((next: (nodes: NoteFlowNode[]) => NoteFlowNode[]) => {
    dirty.current = true;
    setNodes(next);
  }, []);

  const onChanges = useCallback(
    (changes: NodeChange[]) => {
      const allowed = readOnly ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions') : changes;
      if (allowed.length > 0) change((list) => applyNodeChanges(allowed as NodeChange<NoteFlowNode>[], list));
    },
    [change, readOnly],
  );
  const add = useCallback(
    (at: { x: number; y: number }, text = '') =>
      change((list) => {
        const id = nextNoteId(list.map(fromFlow));
        return [...list.map((n) => ({ ...n, selected: false })), toFlow({ id, x: at.x, y: at.y, ...kNoteSize, text, color: 'yellow' }, true)];
      }),
    [change],
  );
  const removeSelected = useCallback(() => change((list) => list.filter((n) => !n.selected)), [change]);
  const actions: NoteActions = useMemo(
    () => ({
      readOnly,
      update: (id, patch) =>
        change((list) => list.map((n) => (n.id === id ? toFlow({ ...fromFlow(n), ...patch }, n.selected) : n))),
      remove: (id) => change((list) => list.filter((n) => n.id !== id)),
    }),
    [change, readOnly],
  );
  // One object while nothing changes, so the canvas's handlers that use it stay the same.
  return useMemo(() => ({ nodes, onChanges, add, removeSelected, actions }), [nodes, onChanges, add, removeSelected, actions]);
}
