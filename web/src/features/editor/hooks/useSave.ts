import { useCallback, useState } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import { ApiError } from '../../../shared/api/client';
import { errorText } from '../../../shared/api/errorText';
import { useToasts } from '../../../shared/ui/toast.store';
import type { EditorStore } from '../store/editor.store';

export interface SaveState {
  saving: boolean;
  /** Set when the server answered 409: someone saved a newer version. */
  conflict: boolean;
  save(options?: { quiet?: boolean; overwrite?: boolean }): Promise<boolean>;
  dismissConflict(): void;
}

/**
 * Publishes the canvas: saves it as a new version (`PUT` with the version it
 * was based on), the one `/run`, webhooks, schedules and forms use. A 409
 * sets `conflict`; `overwrite` publishes over the newest version instead.
 */
export function useSave(pipelineId: string, store: EditorStore): SaveState {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);

  const save = useCallback(
    async (options: { quiet?: boolean; overwrite?: boolean } = {}) => {
      const state = store.getState();
      if (state.readOnly) return false;
      const revision = state.revision;
      const doc = state.definition();
      setSaving(true);
      try {
        if (options.overwrite) {
          doc.version = (await api.getPipeline(pipelineId)).version;
        }
        const record = await api.savePipeline(pipelineId, doc);
        store.getState().markSaved(record.version, revision);
        store.getState().setProblems(
          record.problems,
          doc.nodes.map((n) => n.id),
          state.edges.map((e) => e.id),
        );
        setConflict(false);
        if (!options.quiet) {
          toast({
            kind: record.valid ? 'success' : 'info',
            message: record.valid
              ? `Published version ${record.version}`
              : `Published version ${record.version} with ${record.problems.length} problem${record.problems.length === 1 ? '' : 's'} to fix`,
          });
        }
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          setConflict(true);
        } else {
          // A refused document (422) names its fields: they join the problems list, where they can be found again.
          if (e instanceof ApiError && e.status === 422 && e.details.length > 0) {
            store.getState().setProblems(
              e.details,
              doc.nodes.map((n) => n.id),
              state.edges.map((edge) => edge.id),
            );
          }
          toast({ kind: 'error', message: `Could not publish: ${errorText(e)}` });
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
    [api, pipelineId, store, toast],
  );

  return { saving, conflict, save, dismissConflict: useCallback(() => setConflict(false), []) };
}
