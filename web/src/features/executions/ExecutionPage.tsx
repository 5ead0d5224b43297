import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { ExecutionRecord, PipelineDefinition } from '../../shared/api/types';
import { useResource } from '../../shared/lib/useResource';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { createRunStore } from '../editor/run/run.store';
import { createEditorStore } from '../editor/store/editor.store';
import { EditorProvider } from '../editor/store/EditorContext';
import { ExecutionView } from './ExecutionView';

interface Loaded {
  execution: ExecutionRecord;
  definition: PipelineDefinition;
  pipelineName: string;
}

/** One past (or running) execution on a read-only canvas of the version it ran. */
export default function ExecutionPage({ executionId }: { executionId: string }) {
  const api = useApi();
  const [stores] = useState(() => ({ store: createEditorStore({ readOnly: true }), run: createRunStore() }));
  const types = useResource(() => api.nodeTypes(), 'node-types');
  const data = useResource<Loaded>(async () => {
    const execution = await api.getExecution(executionId);
    const version = await api.getVersion(execution.pipeline_id, execution.pipeline_version);
    stores.store.getState().load(version.definition, version.version);
    stores.run.getState().snapshot(execution);
    return { execution, definition: version.definition, pipelineName: version.name };
  }, `execution:${executionId}`);
  const catalogue = useMemo(() => new Map((types.data ?? []).map((t) => [t.type, t])), [types.data]);
  const context = useMemo(() => ({ ...stores, catalogue }), [stores, catalogue]);

  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (types.error && !types.data) return <ErrorState error={types.error} onRetry={types.reload} />;
  if (!data.data || !types.data) return <LoadingState label="Loading the execution…" />;
  return (
    <EditorProvider value={context}>
      <ReactFlowProvider>
        <ExecutionView execution={data.data.execution} pipelineName={data.data.pipelineName} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}
