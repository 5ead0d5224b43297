import { useState } from 'react';
import { navigate } from '../../app/router';
import { useCan } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { PipelineSummary } from '../../shared/api/types';
import { useResource } from '../../shared/lib/useResource';
import { Button } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { PromptDialog } from '../../shared/ui/PromptDialog';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { PipelineRow } from './PipelineRow';
import { usePipelineActions } from './usePipelineActions';
import { useRunFeed } from './useRunFeed';

type Pending =
  | { kind: 'create' }
  | { kind: 'rename'; pipeline: PipelineSummary }
  | { kind: 'delete'; pipeline: PipelineSummary }
  | null;

/** The list of pipelines with create, rename, duplicate and delete (for those who may build). */
export function PipelinesPage() {
  const api = useApi();
  const canBuild = useCan('build');
  const toast = useToasts((s) => s.push);
  const list = useResource(() => api.listPipelines(), 'pipelines');
  const pipelines = list.data ?? [];
  const actions = usePipelineActions(pipelines);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useRunFeed((m) => {
    if (list.data?.some((p) => p.id === m.pipeline_id)) {
      list.setData(list.data.map((p) => (p.id === m.pipeline_id ? { ...p, last_run_status: m.status } : p)));
    }
  });

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setPending(null);
      toast({ kind: 'success', message: done });
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <header className="flex items-center justify-between gap-4 border-b border-line bg-surface px-8 py-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Pipelines</h1>
        <p className="mt-0.5 text-sm text-muted">
          {canBuild
            ? 'Draw a flow of blocks, run it, and call it as an API.'
            : 'Open a pipeline to run it or call it as an API. Editors create and change pipelines.'}
        </p>
      </div>
      {canBuild ? (
        <Button variant="primary" icon="plus" onClick={() => setPending({ kind: 'create' })}>
          New pipeline
        </Button>
      ) : null}
    </header>
  );

  let body;
  if (list.loading && !list.data) {
    body = <LoadingState label="Loading pipelines…" />;
  } else if (list.error && !list.data) {
    body = <ErrorState error={list.error} onRetry={list.reload} />;
  } else if (pipelines.length === 0) {
    body = (
      <EmptyState
        icon="workflow"
        title="No pipelines yet"
        action={
          canBuild ? (
            <Button variant="primary" icon="plus" onClick={() => setPending({ kind: 'create' })}>
              Create your first pipeline
            </Button>
          ) : undefined
        }
      >
        A pipeline is a flow of blocks: inputs, logic, API calls and outputs.
        {canBuild ? '' : ' Once an editor has made one, you can open and run it here.'}
      </EmptyState>
    );
  } else {
    body = (
      <div className="overflow-hidden rounded-2xl border border-line bg-surface shadow-card">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-line text-left text-xs font-medium tracking-wide text-muted uppercase">
              <th className="px-5 py-2.5 font-medium">Name</th>
              <th className="w-36 px-3 py-2.5 font-medium">Last run</th>
              <th className="w-36 px-3 py-2.5 font-medium">Updated</th>
              <th className="w-12 px-3 py-2.5" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {[...pipelines]
              .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
              .map((p) => (
                <PipelineRow
                  key={p.id}
                  pipeline={p}
                  editable={canBuild}
                  onRename={() => setPending({ kind: 'rename', pipeline: p })}
                  onDuplicate={() => act(() => actions.duplicate(p.id), `Duplicated ${p.name}`)}
                  onDelete={() => setPending({ kind: 'delete', pipeline: p })}
                />
              ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col overflow-y-auto">
      {header}
      <div className="mx-auto w-full max-w-5xl px-8 py-6">{body}</div>
      {pending?.kind === 'create' ? (
        <PromptDialog
          title="New pipeline"
          label="Name"
          confirmLabel="Create"
          busy={busy}
          error={error}
          onCancel={() => setPending(null)}
          onSubmit={async (name) => {
            setBusy(true);
            setError(null);
            try {
              const created = await actions.create(name);
              navigate(`/pipelines/${encodeURIComponent(created.id)}`);
            } catch (e) {
              setError((e as Error).message);
              setBusy(false);
            }
          }}
        />
      ) : null}
      {pending?.kind === 'rename' ? (
        <PromptDialog
          title="Rename pipeline"
          label="Name"
          initial={pending.pipeline.name}
          confirmLabel="Rename"
          busy={busy}
          error={error}
          onCancel={() => setPending(null)}
          onSubmit={(name) => act(() => actions.rename(pending.pipeline.id, name), `Renamed to ${name}`)}
        />
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete pipeline?"
          confirmLabel="Delete"
          danger
          busy={busy}
          onCancel={() => setPending(null)}
          onConfirm={() => act(() => actions.remove(pending.pipeline.id), `Deleted ${pending.pipeline.name}`)}
        >
          <strong className="text-fg">{pending.pipeline.name}</strong>, its versions and its execution history will be
          deleted. This cannot be undone.
          {error ? <p className="mt-2 text-danger">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
