import { useMemo } from 'react';
import { useCan } from '../../app/useCan';
import { runInputsOf } from '../editor/run/runInputs';
import { useCatalogue, useEditor } from '../editor/store/EditorContext';
import { TriggersPanel } from './TriggersPanel';

/** The editor's Triggers tab: the panel, fed with the pipeline's inputs and name from the canvas. */
export function TriggersTab({ pipelineId }: { pipelineId: string }) {
  const nodes = useEditor((s) => s.nodes);
  const name = useEditor((s) => s.meta.name);
  const description = useEditor((s) => s.meta.description);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const catalogue = useCatalogue();
  const fields = useMemo(() => runInputsOf(nodes, catalogue), [nodes, catalogue]);
  const meta = useMemo(() => ({ name, description: description ?? '' }), [name, description]);
  const canEdit = useCan('build');
  return <TriggersPanel pipelineId={pipelineId} meta={meta} fields={fields} canEdit={canEdit} dirty={dirty} />;
}
