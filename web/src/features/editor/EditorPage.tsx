import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { Link } from '../../app/Link';
import { useCan } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import { useResource } from '../../shared/lib/useResource';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { EditorWorkspace } from './EditorWorkspace';
import { createRunStore } from './run/run.store';
import { createEditorStore } from './store/editor.store';
import { EditorProvider } from './store/EditorContext';
import type { EditorTab } from './toolbar/EditorHeader';

/** Loads a pipeline and the block catalogue, then opens the editor on them. */
export default function EditorPage({ pipelineId, tab }: { pipelineId: string; tab: EditorTab }) {
  const api = useApi();
  // Viewers may run pipelines but not change them: their canvas is read-only.
  const canBuild = useCan('build');
  const [stores] = useState(() => ({
    store: createEditorStore({ readOnly: !canBuild }),
    run: createRunStore(),
  }));
  const types = useResource(() => api.nodeTypes(), 'node-types');
  const record = useResource(async () => {
    const rec = await api.getPipeline(pipelineId);
    const s = stores.store.getState();
    s.load(rec.definition, rec.version);
    s.setProblems(
      rec.problems,
      rec.definition.nodes.map((n) => n.id),
      s.edges.map((e) => e.id),
    );
    return rec;
  }, `pipeline:${pipelineId}`);
  // The last run, so run data and "run this node" have something to start from (not waited for).
  useEffect(() => {
    let live = true;
    api
      .listExecutions({ pipeline_id: pipelineId, limit: 1 })
      .then((last) => (last.items[0] ? api.getExecution(last.items[0].id) : null))
      .then((execution) => {
        if (live && execution && stores.run.getState().run.executionId === null) {
          stores.run.getState().snapshot(execution);
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, pipelineId, stores]);
  const catalogue = useMemo(() => new Map((types.data ?? []).map((t) => [t.type, t])), [types.data]);
  const context = useMemo(() => ({ ...stores, catalogue }), [stores, catalogue]);

  if (record.error && !record.data) {
    if (record.error instanceof ApiError && record.error.status === 404) {
      return (
        <EmptyState icon="search" title="Pipeline not found" action={<Link to="/" className="text-accent hover:underline">All pipelines</Link>}>
          There is no pipeline with the id {pipelineId}. It may have been deleted.
        </EmptyState>
      );
    }
    return <ErrorState error={record.error} onRetry={record.reload} />;
  }
  if (types.error && !types.data) {
    return <ErrorState error={types.error} onRetry={types.reload} />;
  }
  if (!record.data || !types.data) {
    return <LoadingState label="Opening the pipeline…" />;
  }
  return (
    <EditorProvider value={context}>
      <ReactFlowProvider>
        <EditorWorkspace pipelineId={pipelineId} tab={tab} types={types.data} onReload={record.reload} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
