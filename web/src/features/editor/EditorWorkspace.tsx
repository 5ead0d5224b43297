import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { NodeTypeDescriptor } from '../../shared/api/types';
import { useToasts } from '../../shared/ui/toast.store';
import { TriggersTab } from '../triggers/TriggersTab';
import { ApiTab } from './api/ApiTab';
import { Canvas } from './canvas/Canvas';
import { EditorActionsContext, type EditorActions } from './EditorActions';
import { useDraft } from './draft/useDraft';
import { useEditorRun } from './hooks/useEditorRun';
import { useEditorShortcuts } from './hooks/useEditorShortcuts';
import { useLiveValidation } from './hooks/useLiveValidation';
import { useSave } from './hooks/useSave';
import { useUnsavedGuard } from './hooks/useUnsavedGuard';
import { initialConfig } from './model/catalogue';
import { Palette } from './palette/Palette';
import { NodePanel } from './panel/NodePanel';
import { OutputPanel } from './run/OutputPanel';
import { RunDialog } from './run/RunDialog';
import { useEditor, useEditorContext, useRun } from './store/EditorContext';
import { ConflictDialog } from './toolbar/ConflictDialog';
import { EditorHeader, type EditorTab } from './toolbar/EditorHeader';
import { VersionsDrawer } from './versions/VersionsDrawer';

/** The id of the one selected node, or null. */
function selectedNode(nodes: { id: string; selected?: boolean }[]): string | null {
  let found: string | null = null;
  for (const n of nodes) {
    if (n.selected) {
      if (found !== null) return null;
      found = n.id;
    }
  }
  return found;
}

/** The editor: header, palette, canvas, node panel, run output; wires hooks to the stores. */
export function EditorWorkspace({
  pipelineId,
  tab,
  types,
  onReload,
}: {
  pipelineId: string;
  tab: EditorTab;
  types: NodeTypeDescriptor[];
  onReload: () => void;
}) {
  const { store, run: runStore, catalogue } = useEditorContext();
  const flow = useReactFlow();
  const toast = useToasts((s) => s.push);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const baseVersion = useEditor((s) => s.baseVersion);
  const selected = useEditor((s) => selectedNode(s.nodes));
  const hasRun = useRun((s) => s.run.status !== 'idle');
  const readOnly = useEditor((s) => s.readOnly);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [outputHidden, setOutputHidden] = useState(false);

  const saver = useSave(pipelineId, store);
  const run = useEditorRun(pipelineId, store, runStore, catalogue);
  const draft = useDraft(pipelineId, store, onReload);
  useEffect(() => {
    if (draft.restored) {
      toast({ kind: 'info', message: 'Your unpublished draft is back on the canvas; “Discard draft” in the header drops it.' });
    }
  }, [draft.restored, toast]);
  useLiveValidation(store, true);
  useUnsavedGuard(dirty);

  const actions: EditorActions = useMemo(
    () => ({
      save: () => saver.save(),
      requestRun: () => {
        setOutputHidden(false);
        run.requestRun();
      },
      runNode: (id) => {
        setOutputHidden(false);
        run.runNode(id);
      },
      runFrom: (id) => {
        setOutputHidden(false);
        run.runFrom(id);
      },
    }),
    [saver, run],
  );
  useEditorShortcuts(store, actions, tab === 'canvas');

  const addAtCenter = useCallback(
    (type: string) => {
      const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const at = box
        ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
        : { x: 0, y: 0 };
      const jitter = (store.getState().nodes.length % 5) * 24;
      store.getState().addNode(type, { x: at.x - 120 + jitter, y: at.y - 30 + jitter }, initialConfig(catalogue.get(type)));
    },
    [flow, store, catalogue],
  );

  return (
    <EditorActionsContext.Provider value={actions}>
      <div className="flex h-full flex-col">
        <EditorHeader
          pipelineId={pipelineId}
          tab={tab}
          saving={saver.saving}
          running={run.busy}
          onSave={() => void saver.save()}
          onRun={actions.requestRun}
          onCancel={run.cancel}
          onVersions={() => setVersionsOpen(true)}
          onDiscardDraft={draft.discard}
        />
        {tab === 'api' || tab === 'triggers' ? (
          <div className="min-h-0 flex-1">
            {tab === 'api' ? <ApiTab pipelineId={pipelineId} /> : <TriggersTab pipelineId={pipelineId} />}
          </div>
        ) : (
          <div className="flex min-h-0 flex-1">
            {readOnly ? null : <Palette types={types} onAdd={addAtCenter} />}
            <div className="flex min-w-0 flex-1 flex-col">
              <div className="relative min-h-0 flex-1">
                <Canvas onEmptyHint={!readOnly} sidePanel={selected !== null} />
                {selected ? <NodePanel key={selected} nodeId={selected} /> : null}
              </div>
              {hasRun && !outputHidden ? <OutputPanel onClose={() => setOutputHidden(true)} /> : null}
            </div>
          </div>
        )}
      </div>
      {run.dialogFields ? (
        <RunDialog
          fields={run.dialogFields}
          previous={run.lastInputs ?? runStore.getState().run.inputs}
          busy={run.busy}
          error={run.error}
          onRun={(inputs) => void run.start(inputs)}
          onClose={run.closeDialog}
        />
      ) : null}
      {versionsOpen ? (
        <VersionsDrawer
          pipelineId={pipelineId}
          current={baseVersion}
          dirty={dirty}
          onClose={() => setVersionsOpen(false)}
          onRestored={(record) => {
            store.getState().load(record.definition, record.version);
            store.getState().setProblems(
              record.problems,
              record.definition.nodes.map((n) => n.id),
              store.getState().edges.map((e) => e.id),
            );
            setVersionsOpen(false);
            toast({ kind: 'success', message: `Restored as version ${record.version}` });
          }}
        />
      ) : null}
      {saver.conflict ? (
        <ConflictDialog
          onClose={saver.dismissConflict}
          onReload={() => {
            saver.dismissConflict();
            onReload();
          }}
          onOverwrite={() => void saver.save({ overwrite: true })}
        />
      ) : null}
    </EditorActionsContext.Provider>
  );
}
