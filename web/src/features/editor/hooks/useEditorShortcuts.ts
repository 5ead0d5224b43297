import { useEffect, useRef } from 'react';
import { isMod, isTyping } from '../../../shared/lib/keyboard';
import type { EditorActions } from '../EditorActions';
import type { EditorStore } from '../store/editor.store';

/**
 * Delete, Ctrl/Cmd+Z (undo), Ctrl+Shift+Z or Ctrl+Y (redo), Ctrl+C / Ctrl+V,
 * Ctrl+A, Ctrl+S (save) and Ctrl+Enter (run). Text fields keep their own keys
 * except save and run; nothing fires while a dialog is open.
 */
export function useEditorShortcuts(store: EditorStore, actions: EditorActions, enabled: boolean): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[aria-modal="true"]')) return;
      const mod = isMod(e);
      const key = e.key.toLowerCase();
      if (mod && key === 's') {
        e.preventDefault();
        void latest.current.save();
        return;
      }
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        latest.current.requestRun();
        return;
      }
      if (isTyping(e.target)) return;
      const s = store.getState();
      if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        s.deleteSelected();
      } else if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        s.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        s.redo();
      } else if (mod && key === 'c') {
        s.copySelection();
      } else if (mod && key === 'v') {
        e.preventDefault();
        s.paste();
      } else if (mod && key === 'a') {
        e.preventDefault();
        s.selectAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, enabled]);
}
