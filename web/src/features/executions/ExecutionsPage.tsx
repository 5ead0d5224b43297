import { useEffect, useRef, useState } from 'react';
import { navigate, useQuery } from '../../app/router';
import { useApi } from '../../shared/api/ApiProvider';
import { useResource } from '../../shared/lib/useResource';
import { Button } from '../../shared/ui/Button';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { useRunFeed } from '../pipelines/useRunFeed';
import { ExecutionRow } from './ExecutionRow';
import { kExecutionTriggers } from './TriggerLabel';

const kStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
const kPageSize = 25;

/** Every run, newest first, filtered by status, pipeline and what started it, a page at a time. */
export function ExecutionsPage() {
  const api = useApi();
  const query = useQuery();
  const status = query.get('status') ?? '';
  const pipeline = query.get('pipeline') ?? '';
  const trigger = query.get('trigger') ?? '';
  const triggerId = query.get('trigger_id') ?? '';
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useResource(
    () =>
      api.listExecutions({
        status: status || undefined,
        pipeline_id: pipeline || undefined,
        trigger: trigger || undefined,
        trigger_id: triggerId || undefined,
        limit: kPageSize,
        cursor,
      }),
    `executions:${status}:${pipeline}:${trigger}:${triggerId}:${cursor ?? ''}`,
  );
  const pipelines = useResource(() => api.listPipelines(), 'pipelines');
  const names = new Map((pipelines.data ?? []).map((p) => [p.id, p.name]));

  // Live: refresh the first page when a run changes (debounced).
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRunFeed(() => {
    if (cursors.length > 0 || reloadTimer.current) return;
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = null;
      page.reload();
    }, 500);
  });
  useEffect(() => () => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
  }, []);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(key, value);
    else next.delete(key);
    setCursors([]);
    const text = next.toString();
    navigate(`/executions${text ? `?${text}` : ''}`, { replace: true });
  };

  const items = page.data?.items ?? [];
  const selectClass = 'h-8.5 rounded-lg border border-line bg-surface px-2.5 text-sm outline-none focus:border-accent';
  return (
    <div className="flex h-full flex-col overflow-y-auto">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-line bg-surface px-8 py-5">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Executions</h1>
          <p className="mt-0.5 text-sm text-muted">Every run of every pipeline, and what started it. Open one to replay it on its canvas.</p>
        </div>
        <div className="flex items-center gap-2">
          <select aria-label="Filter by status" value={status} onChange={(e) => setFilter('status', e.target.value)} className={selectClass}>
            <option value="">All statuses</option>
            {kStatuses.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
          <select aria-label="Filter by pipeline" value={pipeline} onChange={(e) => setFilter('pipeline', e.target.value)} className={selectClass}>
            <option value="">All pipelines</option>
            {(pipelines.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <select aria-label="Filter by trigger" value={trigger} onChange={(e) => setFilter('trigger', e.target.value)} className={selectClass}>
            <option value="">All triggers</option>
            {kExecutionTriggers.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          <Button icon="refresh" onClick={page.reload} aria-label="Refresh" />
        </div>
      </header>
      <div className="mx-auto w-full max-w-5xl px-8 py-6">
        {page.loading && !page.data ? (
          <LoadingState label="Loading executions…" />
        ) : page.error && !page.data ? (
          <ErrorState error={page.error} onRetry={page.reload} />
        ) : items.length === 0 ? (
          <EmptyState icon="activity" title={status || pipeline || trigger || triggerId ? 'No execution matches' : 'No executions yet'}>
            {status || pipeline || trigger || triggerId ? 'Try another filter.' : 'Run a pipeline from the editor or through its API and it shows up here.'}
          </EmptyState>
        ) : (
          <div className="overflow-hidden rounded-2xl border border-line bg-surface shadow-card">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-line text-left text-xs font-medium tracking-wide text-muted uppercase">
                  <th className="px-5 py-2.5 font-medium">Status</th>
                  <th className="px-3 py-2.5 font-medium">Pipeline</th>
                  <th className="px-3 py-2.5 font-medium">Trigger</th>
                  <th className="px-3 py-2.5 font-medium">Started</th>
                  <th className="px-3 py-2.5 text-right font-medium">Duration</th>
                  <th className="px-5 py-2.5 font-medium">Execution</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <ExecutionRow key={e.id} execution={e} pipelineName={names.get(e.pipeline_id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="mt-4 flex justify-between">
          <Button icon="chevron-left" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </Button>
          <Button
            disabled={!page.data?.next_cursor}
            onClick={() => page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])}
          >
            Older
          </Button>
        </div>
      </div>
    </div>
  );
}
