import type {
  ExecutionRecord,
  Json,
  JsonObject,
  LogLine,
  NodeStatus,
  RunError,
  RunEvent,
  RunStatus,
} from '../../../shared/api/types';

/** Streamed text kept per node; older text is dropped beyond it. */
export const kMaxTokenChars = 64 * 1024;
/** Log lines kept per node. */
export const kMaxLogLines = 500;

export interface NodeRunView {
  status: NodeStatus;
  attempts: number;
  durationMs?: number;
  startedAt?: string;
  output?: Json;
  error?: RunError | null;
  logs: LogLine[];
  /** `node.token` text received so far (LLM streaming). */
  tokens: string;
  handles?: string[];
  reused?: boolean;
}

export interface RunView {
  executionId: string | null;
  status: RunStatus | 'idle';
  /** The highest event seq applied; events at or below it are ignored. */
  lastSeq: number;
  nodes: Record<string, NodeRunView>;
  outputs: JsonObject | null;
  error: RunError | null;
  startedAt?: string;
  durationMs?: number;
  inputs?: JsonObject;
  pipelineVersion?: number;
  /** While queued: its place in the workspace's queue, as the last read of the execution said. */
  queuePosition?: number;
}

export const kIdleRun: RunView = {
  executionId: null,
  status: 'idle',
  lastSeq: 0,
  nodes: {},
  outputs: null,
  error: null,
};

export function startedRun(executionId: string): RunView {
  return { ...kIdleRun, executionId, status: 'running' };
}

const kFinal = new Set<string>(['succeeded', 'failed', 'skipped', 'cancelled']);

export function isFinished(status: RunView['status']): boolean {
  return status !== 'idle' && status !== 'running' && status !== 'queued';
}

const emptyNode = (): NodeRunView => ({ status: 'pending', attempts: 0, logs: [], tokens: '' });

function withNode(run: RunView, id: string, change: (node: NodeRunView) => NodeRunView): RunView {
  const node = run.nodes[id] ?? emptyNode();
  return { ...run, nodes: { ...run.nodes, [id]: change(node) } };
}

const num = (v: Json | undefined) => (typeof v === 'number' ? v : undefined);
const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined);

/**
 * Applies one run event. Events of another execution, duplicates and events
 * older than the last one applied (seq at or below `lastSeq`) change nothing.
 */
export function applyEvent(run: RunView, event: RunEvent): RunView {
  if (event.execution_id !== run.executionId || event.seq <= run.lastSeq) {
    return run;
  }
  const next: RunView = { ...run, lastSeq: event.seq };
  const data = event.data ?? {};
  const id = event.node_id ?? '';
  switch (event.type) {
    case 'run.started':
      return {
        ...next,
        status: isFinished(run.status) ? run.status : 'running',
        queuePosition: undefined,
        startedAt: event.time,
        pipelineVersion: num(data.version) ?? run.pipelineVersion,
      };
    case 'node.started':
      return withNode(next, id, (n) =>
        kFinal.has(n.status)
          ? n
          : { ...n, status: 'running', attempts: num(data.attempt) ?? n.attempts + 1, startedAt: event.time },
      );
    case 'node.log':
      return withNode(next, id, (n) =>
        n.logs.length >= kMaxLogLines
          ? n
          : { ...n, logs: [...n.logs, { time: event.time, level: str(data.level) ?? 'info', message: str(data.message) ?? '' }] },
      );
    case 'node.token': {
      const text = str(data.text) ?? '';
      return withNode(next, id, (n) => {
        const tokens = n.tokens + text;
        return { ...n, tokens: tokens.length > kMaxTokenChars ? tokens.slice(-kMaxTokenChars) : tokens };
      });
    }
    case 'node.finished':
      return withNode(next, id, (n) => ({
        ...n,
        status: (str(data.status) as NodeStatus | undefined) ?? 'succeeded',
        attempts: num(data.attempts) ?? n.attempts,
        durationMs: num(data.duration_ms),
        output: data.output,
        error: (data.error as RunError | undefined) ?? null,
        reused: data.reused === true || undefined,
        handles: Array.isArray(data.handles) ? data.handles.filter((h): h is string => typeof h === 'string') : undefined,
      }));
    case 'run.finished':
      return {
        ...next,
        status: (str(data.status) as RunStatus | undefined) ?? 'succeeded',
        outputs: (data.outputs as JsonObject | undefined) ?? null,
        error: (data.error as RunError | undefined) ?? null,
        durationMs: num(data.duration_ms),
      };
    default:
      return next;
  }
}

/** A run view from a stored execution (history, polling). Keeps streamed tokens and the seq. */
export function fromExecution(record: ExecutionRecord, previous?: RunView): RunView {
  const nodes: Record<string, NodeRunView> = {};
  for (const r of record.node_runs ?? []) {
    const before = previous?.executionId === record.id ? previous.nodes[r.node_id] : undefined;
    nodes[r.node_id] = {
      status: r.status,
      attempts: r.attempts,
      durationMs: r.duration_ms,
      startedAt: r.started_at ?? undefined,
      output: r.output ?? undefined,
      error: r.error,
      logs: r.logs ?? [],
      tokens: before?.tokens ?? '',
      handles: r.handles,
      reused: r.reused,
    };
  }
  // A live run may know of nodes the stored record has not caught up with.
  if (previous?.executionId === record.id) {
    for (const [id, node] of Object.entries(previous.nodes)) {
      if (!nodes[id]) {
        nodes[id] = node;
      }
    }
  }
  return {
    executionId: record.id,
    status: record.status,
    lastSeq: previous?.executionId === record.id ? previous.lastSeq : 0,
    nodes,
    outputs: record.outputs,
    error: record.error,
    startedAt: record.created_at,
    durationMs: record.duration_ms,
    inputs: record.inputs,
    pipelineVersion: record.pipeline_version,
    queuePosition: record.status === 'queued' ? record.queue_position : undefined,
  };
}
