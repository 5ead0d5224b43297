import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCan, useRole } from '../../../app/useCan';
import type { Json, JsonObject } from '../../../shared/api/types';
import { refusal } from '../../../shared/auth/permissions';
import { Button, IconButton } from '../../../shared/ui/Button';
import { Icon } from '../../../shared/ui/Icon';
import { Tabs } from '../../../shared/ui/Tabs';
import { useEditorActions } from '../EditorActions';
import { Field, inputClass } from '../form/Field';
import { SchemaForm } from '../form/SchemaForm';
import { completionsFor } from '../form/completions';
import { categoryColor } from '../model/catalogue';
import { useCatalogue, useEditor, useEditorContext, useRun } from '../store/EditorContext';
import { AdvancedSettings } from './AdvancedSettings';
import { wordNodeProblems } from './wordNodeProblems';
import { NodeIdField } from './NodeIdField';
import { NodeRunData } from './NodeRunData';

type PanelTab = 'settings' | 'data';

/** The right panel for the selected node: its settings form and its run data. */
export function NodePanel({ nodeId }: { nodeId: string }) {
  const { store } = useEditorContext();
  const catalogue = useCatalogue();
  const data = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const edges = useEditor((s) => s.edges);
  const nodeCount = useEditor((s) => s.nodes.length);
  const rawProblems = useEditor((s) => s.problems.byNode[nodeId]);
  const names = useEditor(useShallow((s) => s.nodes.map((n) => `${n.id}\n${n.data.label ?? ''}\n${n.data.type}`)));
  // The messages in words: other blocks by title, no columns (the problems list has the details).
  const type = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data.type);
  const problems = useMemo(
    () => wordNodeProblems(rawProblems, names, catalogue, type ? catalogue.get(type)?.config_schema : undefined),
    [rawProblems, names, catalogue, type],
  );
  const readOnly = useEditor((s) => s.readOnly);
  const hasRun = useRun((s) => s.run.nodes[nodeId] !== undefined);
  const runNodes = useRun((s) => s.run.nodes);
  const actions = useEditorActions();
  // A viewer's canvas is read-only, yet running is theirs to do (a replayed execution has no actions).
  const canRun = useCan('run');
  const canBuild = useCan('build');
  const role = useRole();
  const [tab, setTab] = useState<PanelTab>(readOnly ? 'data' : 'settings');
  const variables = useEditor((s) => s.meta.variables);

  const completions = useMemo(() => {
    const outputs: Record<string, Json | undefined> = {};
    for (const [id, n] of Object.entries(runNodes)) outputs[id] = n.output;
    return completionsFor(nodeId, store.getState().nodes, edges, catalogue, outputs, variables ?? {});
    // nodeCount and data: the node list and this node's config feed the list too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodeId, edges, catalogue, runNodes, variables, nodeCount, data, store]);

  if (!data) {
    return null;
  }
  const descriptor = catalogue.get(data.type);
  const color = categoryColor(descriptor?.category);
  const update = (patch: Partial<typeof data>, key: string) => store.getState().updateNode(nodeId, patch, key);
  const setConfig = (name: string, value: Json | undefined) => {
    const config: JsonObject = { ...data.config };
    if (value === undefined) delete config[name];
    else config[name] = value;
    update({ config }, `config.${name}`);
  };

  return (
    <aside
      aria-label="Block settings"
      className="absolute top-3 right-3 bottom-3 z-10 flex w-[360px] flex-col overflow-hidden rounded-2xl border border-line bg-surface shadow-pop"
      data-testid="node-panel"
    >
      <header className="flex items-start gap-3 border-b border-line px-4 pt-4 pb-3">
        <span
          className="flex h-9 w-9 shrink-0 items-center justify-center rounded-xl"
          style={{ background: `color-mix(in srgb, ${color} 15%, transparent)`, color }}
        >
          <Icon name={descriptor?.icon ?? 'box'} size={18} />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold">{data.label || descriptor?.title || data.type}</h2>
          <p className="line-clamp-2 text-xs text-muted">{descriptor?.description ?? `Unknown block type ${data.type}`}</p>
        </div>
        {!readOnly ? (
          <IconButton icon="trash" label="Delete block" onClick={() => store.getState().deleteElements([nodeId])} />
        ) : null}
        <IconButton icon="x" label="Close panel" onClick={() => store.getState().select([])} />
      </header>
      {actions && canRun ? (
        <div className="flex gap-2 border-b border-line px-4 py-2">
          <Button size="sm" icon="play" onClick={() => actions.runNode(nodeId)} title="Run only this block with the inputs it last received">
            Run this node
          </Button>
          <Button size="sm" icon="skip" onClick={() => actions.runFrom(nodeId)} title="Run from this block on, reusing recorded outputs upstream">
            Run from here
          </Button>
        </div>
      ) : null}
      <div className="border-b border-line bg-surface-2 px-4 py-1.5">
        <Tabs<PanelTab>
          value={tab}
          onChange={setTab}
          items={[
            { key: 'settings', label: 'Settings', badge: problems ? problems.length : undefined },
            { key: 'data', label: 'Run data', badge: hasRun ? '●' : undefined },
          ]}
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
        {tab === 'settings' ? (
          <fieldset disabled={readOnly} className="flex flex-col gap-4">
            {readOnly ? (
              <p className="flex items-center gap-1.5 rounded-lg bg-surface-2 px-3 py-2 text-xs text-muted" data-testid="settings-read-only">
                <Icon name="lock" size={12} />
                {canBuild ? 'The settings this version ran with.' : `Read-only. ${refusal(role, 'build')}.`}
              </p>
            ) : null}
            {problems?.filter((p) => !p.path.startsWith('/config') && p.path !== '/on_error' && p.path !== '/retry' && p.path !== '/timeout_ms').map((p) => (
              <p key={p.path + p.message} role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-xs text-danger">
                {p.message}
              </p>
            ))}
            <div className="grid grid-cols-2 gap-3">
              <NodeIdField id={nodeId} readOnly={readOnly} onRename={(next) => store.getState().renameNode(nodeId, next)} />
              <Field id="node-label" label="Label" problems={[]}>
                <input
                  id="node-label"
                  value={data.label ?? ''}
                  placeholder={descriptor?.title}
                  onChange={(e) => update({ label: e.target.value || undefined }, 'label')}
                  className={inputClass(false)}
                />
              </Field>
            </div>
            <div className="h-px bg-line" />
            {descriptor ? (
              <SchemaForm
                idPrefix={`cfg-${nodeId}`}
                schema={descriptor.config_schema}
                value={data.config}
                problems={problems}
                completions={completions}
                onChange={setConfig}
              />
            ) : null}
            <AdvancedSettings data={data} problems={problems} onChange={update} />
          </fieldset>
        ) : (
          <NodeRunData nodeId={nodeId} example={descriptor?.output_example} />
        )}
      </div>
    </aside>
  );
}
