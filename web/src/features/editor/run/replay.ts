import type { ExecutionRecord, JsonObject, RunEvent } from '../../../shared/api/types';

/** The events a stored execution would have sent, in start order, for replaying it. */
export function eventsOf(record: ExecutionRecord): RunEvent[] {
  const events: RunEvent[] = [];
  let seq = 0;
  const push = (type: RunEvent['type'], data: JsonObject, node_id?: string) =>
    events.push({ seq: ++seq, type, execution_id: record.id, node_id, time: record.created_at, data });
  push('run.started', { pipeline_id: record.pipeline_id, version: record.pipeline_version });
  const runs = [...(record.node_runs ?? [])].sort((a, b) =>
    (a.started_at ?? '\uffff').localeCompare(b.started_at ?? '\uffff'),
  );
  for (const r of runs) {
    if (r.status !== 'skipped') {
      push('node.started', { attempt: r.attempts, type: r.type }, r.node_id);
    }
    const data: JsonObject = { status: r.status, attempts: r.attempts };
    if (r.duration_ms !== undefined) data.duration_ms = r.duration_ms;
    if (r.output !== null && r.output !== undefined) data.output = r.output;
    if (r.error) data.error = r.error as unknown as JsonObject;
    push('node.finished', data, r.node_id);
  }
  const end: JsonObject = { status: record.status, outputs: record.outputs ?? {} };
  if (record.duration_ms !== undefined) end.duration_ms = record.duration_ms;
  if (record.error) end.error = record.error as unknown as JsonObject;
  push('run.finished', end);
  return events;
}
