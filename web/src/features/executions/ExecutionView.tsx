import { useEffect, useRef, useState } from 'react';
import { Link } from '../../app/Link';
import { navigate } from '../../app/router';
import { useApi } from '../../shared/api/ApiProvider';
import type { ExecutionRecord } from '../../shared/api/types';
import { formatDateTime, formatDuration } from '../../shared/lib/format';
import { Button, IconButton } from '../../shared/ui/Button';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { useToasts } from '../../shared/ui/toast.store';
import { Canvas } from '../editor/canvas/Canvas';
import { NodePanel } from '../editor/panel/NodePanel';
import { OutputPanel } from '../editor/run/OutputPanel';
import { eventsOf } from '../editor/run/replay';
import { useLiveExecution } from '../editor/run/useLiveExecution';
import { useEditor, useEditorContext, useRun } from '../editor/store/EditorContext';

/** Pause between replayed events. */
const kReplayStepMs = 220;

function selectedNode(nodes: { id: string; selected?: boolean }[]): string | null {
  const chosen = nodes.filter((n) => n.selected);
  return chosen.length === 1 ? (chosen[0]?.id ?? null) : null;
}

export function ExecutionView({ execution, pipelineName }: { execution: ExecutionRecord; pipelineName: string }) {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const { run: runStore } = useEditorContext();
  const run = useRun((s) => s.run);
  const selected = useEditor((s) => selectedNode(s.nodes));
  const [busy, setBusy] = useState(false);
  const [replaying, setReplaying] = useState(false);
  const [replayed, setReplayed] = useState(false);
  // A replay redraws the run step by step, but the run itself is over: the header keeps its recorded status.
  const [recorded, setRecorded] = useState<ExecutionRecord>(execution);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  // Follow a run that was in flight when the page opened, until a replay takes the canvas over.
  const unfinished = execution.status === 'running' || execution.status === 'queued';
  const live = unfinished && !replayed && (run.status === 'running' || run.status === 'queued');
  useLiveExecution(runStore, unfinished && !replayed ? execution.id : null);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const replay = async () => {
    timers.current.forEach(clearTimeout);
    const latest = await api.getExecution(execution.id).catch(() => execution);
    const events = eventsOf(latest);
    setRecorded(latest);
    runStore.getState().start(execution.id);
    setReplaying(true);
    setReplayed(true);
    timers.current = events.map((e, i) =>
      setTimeout(() => {
        runStore.getState().apply([e]);
        if (i === events.length - 1) {
          setReplaying(false);
          void api.getExecution(execution.id).then((r) => runStore.getState().snapshot(r));
        }
      }, i * kReplayStepMs),
    );
  };

  const retry = async () => {
    setBusy(true);
    try {
      const started = await api.retryExecution(execution.id);
      navigate(`/executions/${encodeURIComponent(started.execution_id)}`);
    } catch (e) {
      toast({ kind: 'error', message: `Retry failed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setBusy(true);
    try {
      await api.cancelExecution(execution.id);
      toast({ kind: 'info', message: 'Cancelling the run…' });
    } catch (e) {
      toast({ kind: 'error', message: `Cancel failed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const header = replayed
    ? { status: recorded.status, queuePosition: undefined, durationMs: recorded.duration_ms }
    : { status: run.status, queuePosition: run.queuePosition, durationMs: run.durationMs };
  const retryable = !replaying && (run.status === 'failed' || run.status === 'cancelled' || run.status === 'interrupted');
  return (
    <div className="flex h-full flex-col">
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-line bg-surface px-3">
        <IconButton icon="arrow-left" label="All executions" onClick={() => navigate('/executions')} />
        <div className="flex min-w-0 flex-col">
          <div className="flex items-center gap-2 text-sm font-semibold">
            <Link to={`/pipelines/${encodeURIComponent(execution.pipeline_id)}`} className="truncate hover:text-accent">
              {pipelineName || execution.pipeline_id}
            </Link>
            <span className="text-xs font-normal text-faint">version {execution.pipeline_version}</span>
          </div>
          <span className="font-mono text-[11px] text-muted">{execution.id}</span>
        </div>
        <span data-testid="execution-status" data-status={header.status} className="contents">
          <StatusBadge status={header.status} queuePosition={header.queuePosition} />
        </span>
        <span className="text-xs text-muted">
          {formatDateTime(execution.created_at)}
          {header.durationMs !== undefined ? ` · ${formatDuration(header.durationMs)}` : ''}
        </span>
        {execution.retry_of ? (
          <Link to={`/executions/${execution.retry_of}`} className="text-xs text-accent hover:underline">
            retry of {execution.retry_of}
          </Link>
        ) : null}
        <span className="flex-1" />
        <span className="rounded-md bg-surface-2 px-2 py-1 text-[11px] text-muted">Read-only</span>
        <Button icon="play" onClick={() => void replay()} disabled={replaying || live} data-testid="replay">
          {replaying ? 'Replaying…' : 'Replay'}
        </Button>
        {live ? (
          <Button variant="danger" icon="stop" busy={busy} onClick={cancel} data-testid="cancel">
            Cancel
          </Button>
        ) : null}
        {retryable ? (
          <Button variant="primary" icon="refresh" busy={busy} onClick={retry} data-testid="retry">
            Retry from failure
          </Button>
        ) : null}
      </header>
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-0 flex-1">
            <Canvas sidePanel={selected !== null} />
            {selected ? <NodePanel key={selected} nodeId={selected} /> : null}
          </div>
          <OutputPanel showLink={false} />
        </div>
      </div>
    </div>
  );
}
