import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { isMod, isTyping } from '../../../shared/lib/keyboard';
import { initialConfig } from '../model/catalogue';
import type { WeftEdge, WeftNode } from '../model/flow';
import { reachable } from '../model/graphWalk';
import type { NoteActions } from '../notes/NoteNode';
import { isNoteId } from '../notes/notes';
import { useEditorContext, useRun } from '../store/EditorContext';
import { CanvasMenu, type CanvasMenuItem, type MenuTarget } from './CanvasMenu';

interface Notes {
  add(at: { x: number; y: number }, text?: string): void;
  removeSelected(): void;
  actions: NoteActions;
}

/**
 * Right-click menus (a block: duplicate, select upstream or downstream, pin
 * its last output, delete; a note: delete; the canvas: add a block or a note
 * here, paste, select all, fit view) and the keys that go with them: Ctrl+D
 * duplicates, Delete also removes selected notes.
 */
export function useCanvasMenu({
  types,
  notes,
  readOnly,
  fitView,
}: {
  types: NodeTypeDescriptor[];
  notes: Notes;
  readOnly: boolean;
  fitView: () => void;
}): { menu: ReactNode; onNodeContextMenu: (e: ReactMouseEvent, node: { id: string }) => void; onPaneContextMenu: (e: ReactMouseEvent | MouseEvent) => void } {
  const { store, catalogue } = useEditorContext();
  const flow = useReactFlow<WeftNode, WeftEdge>();
  const outputs = useRun((s) => s.run.nodes);
  const [target, setTarget] = useState<MenuTarget | null>(null);

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('[aria-modal="true"]')) return;
      if (isMod(e) && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        store.getState().duplicateSelection();
      } else if (!isMod(e) && (e.key === 'Delete' || e.key === 'Backspace')) {
        notes.removeSelected();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, notes, readOnly]);

  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, node: { id: string }) => {
      e.preventDefault();
      if (isNoteId(node.id)) {
        setTarget({ kind: 'note', noteId: node.id, x: e.clientX, y: e.clientY });
        return;
      }
      // A right-click on a block outside the selection acts on that block alone.
      if (!store.getState().nodes.find((n) => n.id === node.id)?.selected) store.getState().select([node.id]);
      setTarget({ kind: 'node', nodeId: node.id, x: e.clientX, y: e.clientY });
    },
    [store],
  );
  const onPaneContextMenu = useCallback((e: ReactMouseEvent | MouseEvent) => {
    e.preventDefault();
    setTarget({ kind: 'pane', x: e.clientX, y: e.clientY });
  }, []);
  const close = useCallback(() => setTarget(null), []);

  if (!target) return { menu: null, onNodeContextMenu, onPaneContextMenu };
  const s = store.getState();
  let items: CanvasMenuItem[];
  let adding: ((type: string) => void) | undefined;
  if (target.kind === 'node') {
    const id = target.nodeId;
    const output = outputs[id]?.output;
    const pinned = s.pinned[id] !== undefined;
    const canPin = output !== null && typeof output === 'object' && !Array.isArray(output);
    items = [
      { label: 'Duplicate', icon: 'copy', hint: 'Ctrl D', disabled: readOnly, onSelect: () => store.getState().duplicateSelection() },
      { label: 'Select upstream', icon: 'arrow-left', onSelect: () => store.getState().select([id, ...reachable(store.getState().edges, id, false)]) },
      { label: 'Select downstream', icon: 'chevron-right', onSelect: () => store.getState().select([id, ...reachable(store.getState().edges, id, true)]) },
      pinned
        ? { label: 'Unpin output', icon: 'pin', disabled: readOnly, onSelect: () => store.getState().setPinned(id, null) }
        : {
            label: 'Pin last output',
            icon: 'pin',
            disabled: readOnly || !canPin,
            onSelect: () => {
              if (canPin) store.getState().setPinned(id, output);
            },
          },
      { label: 'Delete', icon: 'trash', hint: 'Del', danger: true, disabled: readOnly, onSelect: () => store.getState().deleteSelected() },
    ];
  } else if (target.kind === 'note') {
    const id = target.noteId;
    items = [{ label: 'Delete note', icon: 'trash', danger: true, disabled: readOnly, onSelect: () => notes.actions.remove(id) }];
  } else {
    const at = flow.screenToFlowPosition({ x: target.x, y: target.y });
    adding = readOnly
      ? undefined
      : (type: string) => store.getState().addNode(type, { x: at.x - 120, y: at.y - 30 }, initialConfig(catalogue.get(type)));
    items = [
      { label: 'Add note here', icon: 'file-text', disabled: readOnly, onSelect: () => notes.add(at) },
      { label: 'Paste', icon: 'copy', hint: 'Ctrl V', disabled: readOnly || !s.clipboard, onSelect: () => store.getState().paste() },
      { label: 'Select all', icon: 'check', hint: 'Ctrl A', onSelect: () => store.getState().selectAll() },
      { label: 'Fit view', icon: 'maximize', onSelect: fitView },
    ];
  }
  return {
    menu: <CanvasMenu at={target} items={items} types={adding ? types : undefined} onAddBlock={adding} onClose={close} />,
    onNodeContextMenu,
    onPaneContextMenu,
  };
}
