import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import { ApiError } from '../../../shared/api/client';
import type { JsonObject, NodeTypeDescriptor, TestRunRequest } from '../../../shared/api/types';
import { useToasts } from '../../../shared/ui/toast.store';
import type { RunStore } from '../run/run.store';
import { runInputsOf, type RunInputField } from '../run/runInputs';
import { useLiveExecution } from '../run/useLiveExecution';
import type { EditorStore } from '../store/editor.store';

export interface EditorRun {
  dialogFields: RunInputField[] | null;
  busy: boolean;
  error: string | null;
  lastInputs: JsonObject | undefined;
  requestRun(): void;
  start(inputs: JsonObject | undefined, extra?: Omit<TestRunRequest, 'inputs'>): Promise<void>;
  runNode(nodeId: string): void;
  runFrom(nodeId: string): void;
  /** Cancels the run in flight. */
  cancel(): void;
  closeDialog(): void;
}

function describe(error: unknown): string {
  if (error instanceof ApiError && error.details.length > 0) {
    return `${error.message}: ${error.details.map((d) => d.message).join('; ')}`;
  }
  return (error as Error).message;
}

/**
 * Runs from the editor: asks for inputs, starts a test run (pins reused) and
 * follows it live. A canvas with unpublished changes runs as a draft (the
 * document goes with the request): running never makes a version, so what
 * API callers get stays the published one until Publish.
 */
export function useEditorRun(
  pipelineId: string,
  store: EditorStore,
  runStore: RunStore,
  catalogue: Map<string, NodeTypeDescriptor>,
): EditorRun {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const [dialogFields, setDialogFields] = useState<RunInputField[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastInputs, setLastInputs] = useState<JsonObject>();
  // A run still in flight when the editor opened is followed too.
  const [executionId, setExecutionId] = useState<string | null>(() => {
    const run = runStore.getState().run;
    return run.status === 'running' || run.status === 'queued' ? run.executionId : null;
  });

  useEffect(
    () =>
      runStore.subscribe((state) => {
        const run = state.run;
        if (run.executionId && (run.status === 'running' || run.status === 'queued')) {
          setExecutionId((current) => current ?? run.executionId);
        }
      }),
    [runStore],
  );
  useLiveExecution(runStore, executionId);

  const start = useCallback(
    async (inputs: JsonObject | undefined, extra: Omit<TestRunRequest, 'inputs'> = {}) => {
      setBusy(true);
      setError(null);
      const s = store.getState();
      const request: TestRunRequest = { use_pinned: true, ...extra };
      if (s.revision !== s.savedRevision) request.document = s.definition();
      if (inputs) request.inputs = inputs;
      try {
        const started = await api.testRun(pipelineId, request);
        runStore.getState().start(started.execution_id);
        setExecutionId(started.execution_id);
        if (inputs) setLastInputs(inputs);
        setDialogFields(null);
      } catch (e) {
        const message = describe(e);
        if (e instanceof ApiError && e.code === 'invalid_pipeline' && request.document) {
          // The draft cannot run: its problems join the list, each tied to its block.
          const doc = request.document;
          store.getState().setProblems(
            e.details,
            doc.nodes.map((n) => n.id),
            store.getState().edges.map((edge) => edge.id),
          );
          const count = e.details.length;
          toast({
            kind: 'error',
            message: `The draft cannot run: ${count} problem${count === 1 ? '' : 's'} to fix (see Problems).`,
          });
          setDialogFields(null);
        } else if (e instanceof ApiError && e.status === 404 && (extra.only_node || extra.from_node)) {
          toast({ kind: 'error', message: 'This server cannot run a single block or run from a block yet.' });
        } else if (e instanceof ApiError && e.status === 409 && (extra.only_node || extra.from_node)) {
          toast({ kind: 'error', message: 'Run the whole pipeline once first: there are no recorded outputs to reuse yet.' });
        } else if (dialogFields) {
          setError(message);
        } else {
          toast({ kind: 'error', message: `Run failed to start: ${message}` });
        }
      } finally {
        setBusy(false);
      }
    },
    [api, pipelineId, store, runStore, toast, dialogFields],
  );

  const requestRun = useCallback(() => {
    const fields = runInputsOf(store.getState().nodes, catalogue);
    setError(null);
    if (fields.length === 0) {
      void start({});
    } else {
      setDialogFields(fields);
    }
  }, [store, catalogue, start]);

  const fromHere = useCallback(
    (key: 'only_node' | 'from_node', nodeId: string) => {
      const previous = runStore.getState().run.executionId;
      const extra: Omit<TestRunRequest, 'inputs'> = { [key]: nodeId };
      if (previous) extra.from_execution = previous;
      // Without inputs the server reuses those of `from_execution`.
      void start(lastInputs, extra);
    },
    [runStore, start, lastInputs],
  );

  return {
    dialogFields,
    busy,
    error,
    lastInputs,
    requestRun,
    start,
    runNode: useCallback((id: string) => fromHere('only_node', id), [fromHere]),
    runFrom: useCallback((id: string) => fromHere('from_node', id), [fromHere]),
    cancel: useCallback(() => {
      const id = runStore.getState().run.executionId;
      if (id) {
        api.cancelExecution(id).catch((e: unknown) => toast({ kind: 'error', message: `Cancel failed: ${(e as Error).message}` }));
      }
    }, [api, runStore, toast]),
    closeDialog: useCallback(() => setDialogFields(null), []),
  };
}
