import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, RunEvent } from '../../../shared/api/types';
import { applyEvent, fromExecution, kMaxTokenChars, startedRun } from './runState';

const ex = 'ex_1';
let seq = 0;
function ev(type: RunEvent['type'], data: RunEvent['data'] = {}, node_id?: string, at?: number): RunEvent {
  return { seq: at ?? ++seq, type, execution_id: ex, node_id, time: '2026-01-01T00:00:00Z', data };
}

describe('run event reducer', () => {
  it('follows a run: statuses, durations, outputs', () => {
    seq = 0;
    let run = startedRun(ex);
    run = applyEvent(run, ev('run.started', { pipeline_id: 'p', version: 2 }));
    run = applyEvent(run, ev('node.started', { attempt: 1, type: 'llm_chat' }, 'a'));
    expect(run.nodes.a?.status).toBe('running');
    run = applyEvent(run, ev('node.log', { level: 'warn', message: 'retrying' }, 'a'));
    run = applyEvent(run, ev('node.finished', { status: 'succeeded', attempts: 1, duration_ms: 12.5, output: { text: 'hi' } }, 'a'));
    run = applyEvent(run, ev('node.finished', { status: 'skipped', attempts: 0 }, 'b'));
    run = applyEvent(run, ev('run.finished', { status: 'succeeded', outputs: { out: 'hi' }, duration_ms: 20 }));
    expect(run.status).toBe('succeeded');
    expect(run.pipelineVersion).toBe(2);
    expect(run.nodes.a).toMatchObject({ status: 'succeeded', durationMs: 12.5, output: { text: 'hi' } });
    expect(run.nodes.a?.logs).toEqual([{ time: '2026-01-01T00:00:00Z', level: 'warn', message: 'retrying' }]);
    expect(run.nodes.b?.status).toBe('skipped');
    expect(run.outputs).toEqual({ out: 'hi' });
    expect(run.lastSeq).toBe(6);
  });

  it('keeps the handles a routing node chose, so the canvas lights the branch taken', () => {
    let run = startedRun(ex);
    run = applyEvent(run, ev('node.finished', { status: 'succeeded', output: { label: 'bug' }, handles: ['bug'], reused: true }, 'sort', 1));
    run = applyEvent(run, ev('node.finished', { status: 'succeeded', output: { text: 'x' } }, 'plain', 2));
    expect(run.nodes.sort?.handles).toEqual(['bug']);
    expect(run.nodes.plain?.handles).toBeUndefined();
  });

  it('appends tokens as they stream, bounded', () => {
    let run = startedRun(ex);
    run = applyEvent(run, ev('node.started', {}, 'llm', 1));
    run = applyEvent(run, ev('node.token', { text: 'Hel' }, 'llm', 2));
    run = applyEvent(run, ev('node.token', { text: 'lo' }, 'llm', 3));
    expect(run.nodes.llm?.tokens).toBe('Hello');
    run = applyEvent(run, ev('node.token', { text: 'x'.repeat(kMaxTokenChars) }, 'llm', 4));
    expect(run.nodes.llm?.tokens.length).toBe(kMaxTokenChars);
    expect(run.nodes.llm?.tokens.endsWith('x')).toBe(true);
  });

  it('ignores duplicate and out-of-order events', () => {
    let run = startedRun(ex);
    run = applyEvent(run, ev('node.started', {}, 'a', 1));
    run = applyEvent(run, ev('node.token', { text: 'A' }, 'a', 2));
    const same = applyEvent(run, ev('node.token', { text: 'A' }, 'a', 2));
    expect(same).toBe(run);
    run = applyEvent(run, ev('node.finished', { status: 'failed', error: { code: 'x', message: 'boom' } }, 'a', 4));
    const late = applyEvent(run, ev('node.started', {}, 'a', 3));
    expect(late).toBe(run);
    expect(run.nodes.a?.status).toBe('failed');
    expect(run.nodes.a?.error?.message).toBe('boom');
    expect(run.nodes.a?.tokens).toBe('A');
  });

  it('ignores events of another execution', () => {
    const run = startedRun(ex);
    const other = applyEvent(run, { ...ev('run.finished', { status: 'failed' }, undefined, 9), execution_id: 'ex_2' });
    expect(other).toBe(run);
  });

  it('a node.started replayed after its node.finished does not reopen it', () => {
    let run = fromExecution({
      id: ex,
      pipeline_id: 'p',
      pipeline_version: 1,
      status: 'running',
      inputs: {},
      outputs: null,
      error: null,
      created_at: '2026-01-01T00:00:00Z',
      finished_at: null,
      retry_of: null,
      node_runs: [
        { node_id: 'a', type: 't', status: 'succeeded', attempts: 1, output: { text: 'x' }, error: null, logs: [], handles: [], started_at: null, finished_at: null },
      ],
    } satisfies ExecutionRecord);
    run = applyEvent(run, ev('node.started', {}, 'a', 1));
    expect(run.nodes.a?.status).toBe('succeeded');
    expect(run.lastSeq).toBe(1);
  });
});
