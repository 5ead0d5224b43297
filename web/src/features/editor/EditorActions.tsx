import { createContext, useContext } from 'react';

/** Side-effecting commands of the editor page, handed to panels and toolbars. */
export interface EditorActions {
  save(): Promise<boolean>;
  /** Opens the run form (or runs at once when the pipeline has no inputs). */
  requestRun(): void;
  runNode(nodeId: string): void;
  runFrom(nodeId: string): void;
}

export const EditorActionsContext = createContext<EditorActions | null>(null);

export function useEditorActions(): EditorActions | null {
  return useContext(EditorActionsContext);
}
