import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../../app/AuthContext';
import type { EditorStore } from '../store/editor.store';
import { dropDrafts, readDraft, writeDraft, type DraftKey } from './draftStorage';

/** Quiet time after an edit before the draft is written to localStorage. */
export const kDraftDelayMs = 300;

export interface DraftState {
  /** A draft from an earlier visit was put back on the canvas. */
  restored: boolean;
  /** Drops the draft and goes back to the published version. */
  discard(): void;
}

/**
 * Keeps the canvas's unpublished changes in localStorage (keyed by workspace,
 * pipeline and base version) and puts them back when the editor opens again.
 * Publishing or undoing back to the published version drops them.
 */
export function useDraft(pipelineId: string, store: EditorStore, reloadPublished: () => void): DraftState {
  const { session } = useAuth();
  const workspace = session.workspace()?.id ?? 'open';
  // Once, as the editor opens on the published version (idempotent: the
  // same draft is put back however often this runs).
  const [restored, setRestored] = useState(() => {
    const s = store.getState();
    if (s.readOnly) return false;
    const draft = readDraft({ workspace, pipelineId, baseVersion: s.baseVersion });
    if (!draft) return false;
    s.load(draft, s.baseVersion);
    // Unpublished from the start: the header says so and leaving asks.
    store.setState({ revision: 1, savedRevision: 0 });
    return true;
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.readOnly) return;
      if (state.revision === previous.revision && state.savedRevision === previous.savedRevision) return;
      if (timer) clearTimeout(timer);
      if (state.revision === state.savedRevision) {
        dropDrafts({ workspace, pipelineId });
        return;
      }
      timer = setTimeout(() => {
        const s = store.getState();
        const key: DraftKey = { workspace, pipelineId, baseVersion: s.baseVersion };
        if (s.revision !== s.savedRevision) writeDraft(key, s.definition());
      }, kDraftDelayMs);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [store, workspace, pipelineId]);

  const discard = useCallback(() => {
    dropDrafts({ workspace, pipelineId });
    setRestored(false);
    reloadPublished();
  }, [workspace, pipelineId, reloadPublished]);

  return { restored, discard };
}
