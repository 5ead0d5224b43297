import { useEffect } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import type { EditorStore } from '../store/editor.store';

/** Quiet time after an edit before the document is validated again. */
export const kValidateDelayMs = 600;

/** Validates the document on the server shortly after each change; problems land in the store. */
export function useLiveValidation(store: EditorStore, enabled: boolean): void {
  const api = useApi();
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let generation = 0;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.revision === previous.revision || state.revision === 0) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const mine = ++generation;
        const s = store.getState();
        const doc = s.definition();
        const edgeIds = s.edges.map((e) => e.id);
        api
          .validate(doc)
          .then((result) => {
            if (mine === generation) {
              store.getState().setProblems(result.problems, doc.nodes.map((n) => n.id), edgeIds);
            }
          })
          .catch(() => {
            // Offline or server busy: the next edit or save validates again.
          });
      }, kValidateDelayMs);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [api, store, enabled]);
}
