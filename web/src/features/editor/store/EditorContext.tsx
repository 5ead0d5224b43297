import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import type { EditorState, EditorStore } from './editor.store';
import type { RunState, RunStore } from '../run/run.store';

export interface EditorContextValue {
  store: EditorStore;
  run: RunStore;
  catalogue: Map<string, NodeTypeDescriptor>;
}

const EditorContext = createContext<EditorContextValue | null>(null);

/** Gives a canvas, its panels and its nodes their own stores and the node-type catalogue. */
export function EditorProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) {
    throw new Error('editor hooks must be used inside <EditorProvider>');
  }
  return value;
}

/** Reads the canvas store through a selector. Example: `const nodes = useEditor((s) => s.nodes)`. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorContext().store, selector);
}

/** Reads the run store (live or replayed run) through a selector. */
export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(useEditorContext().run, selector);
}

export function useCatalogue(): Map<string, NodeTypeDescriptor> {
  return useEditorContext().catalogue;
}
