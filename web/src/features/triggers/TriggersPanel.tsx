import { useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { Trigger, TriggerKind } from '../../shared/api/triggerTypes';
import { useResource } from '../../shared/lib/useResource';
import { Icon } from '../../shared/ui/Icon';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { exampleInputs, type RunInputField } from '../editor/run/runInputs';
import { TriggerCard } from './TriggerCard';
import { kTriggerKinds, newDraft, type TriggerDraft } from './triggerDraft';

/**
 * The pipeline's triggers — schedules, webhooks, forms — as cards, with
 * buttons that add a new one (editors only; viewers see them read-only).
 * Every trigger runs the published version.
 */
export function TriggersPanel({
  pipelineId,
  meta,
  fields,
  canEdit,
  dirty,
}: {
  pipelineId: string;
  /** The pipeline's name and description: a new form's title and text. */
  meta: { name: string; description: string };
  /** The pipeline's inputs (the run form's fields). */
  fields: RunInputField[];
  canEdit: boolean;
  /** The canvas has unpublished changes (triggers do not run them). */
  dirty: boolean;
}) {
  const api = useApi();
  const list = useResource(() => api.listTriggers(pipelineId), `triggers:${pipelineId}`);
  const [drafts, setDrafts] = useState<{ key: number; draft: TriggerDraft }[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const triggers = list.data ?? [];
  const sample = exampleInputs(fields);

  const add = (kind: TriggerKind) => {
    setDrafts([{ key: nextKey, draft: newDraft(kind, meta) }, ...drafts]);
    setNextKey(nextKey + 1);
  };
  const replace = (t: Trigger) => {
    const known = triggers.some((x) => x.id === t.id);
    list.setData(known ? triggers.map((x) => (x.id === t.id ? t : x)) : [...triggers, t]);
  };

  return (
    <div className="h-full overflow-y-auto" data-testid="triggers-tab">
      <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-8 sm:px-8">
        <div>
          <h2 className="text-lg font-semibold">Run this pipeline on its own</h2>
          <p className="mt-1 text-sm text-muted">
            On a schedule, when another service calls a webhook, or when someone fills in a shared form. Triggers run the
            published version{dirty ? ': publish your changes to make them part of it' : ''}.
          </p>
        </div>
        {canEdit ? (
          <div className="grid gap-2 sm:grid-cols-3" role="group" aria-label="Add a trigger">
            {kTriggerKinds.map((k) => (
              <button
                key={k.kind}
                type="button"
                onClick={() => add(k.kind)}
                data-testid={`add-${k.kind}`}
                className="flex flex-col items-start gap-0.5 rounded-lg border border-line bg-surface px-3 py-2.5 text-left shadow-card transition hover:bg-surface-2"
              >
                <span className="flex items-center gap-1.5 text-sm font-medium">
                  <Icon name={k.icon} size={16} />
                  Add {k.label.toLowerCase()}
                </span>
                <span className="text-[11px] text-muted">{k.help}</span>
              </button>
            ))}
          </div>
        ) : null}
        {drafts.map(({ key, draft }) => (
          <TriggerCard
            key={`new-${key}`}
            pipelineId={pipelineId}
            initial={draft}
            fields={fields}
            sample={sample}
            canEdit={canEdit}
            onSaved={(t) => {
              setDrafts((ds) => ds.filter((d) => d.key !== key));
              replace(t);
            }}
            onDeleted={() => undefined}
            onDiscard={() => setDrafts((ds) => ds.filter((d) => d.key !== key))}
          />
        ))}
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <LoadingState label="Loading triggers…" />
        ) : triggers.length === 0 && drafts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-line-strong px-4 py-6 text-center text-sm text-muted" data-testid="no-triggers">
            No triggers yet: this pipeline runs when someone runs it{canEdit ? '. Add one above.' : '.'}
          </p>
        ) : (
          triggers.map((t) => (
            <TriggerCard
              key={t.id}
              pipelineId={pipelineId}
              trigger={t}
              fields={fields}
              sample={sample}
              canEdit={canEdit}
              onSaved={replace}
              onDeleted={(id) => list.setData(triggers.filter((x) => x.id !== id))}
            />
          ))
        )}
      </div>
    </div>
  );
}
