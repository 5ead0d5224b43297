import { describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../../shared/api/types';
import { eventsOf } from './replay';
import { applyEvent, fromExecution, startedRun } from './runState';

const record: ExecutionRecord = {
  id: 'ex_1',
  pipeline_id: 'p',
  pipeline_version: 3,
  status: 'succeeded',
  inputs: { text: 'hi' },
  outputs: { out: 'HI' },
  error: null,
  created_at: '2026-01-01T00:00:00Z',
  finished_at: '2026-01-01T00:00:01Z',
  duration_ms: 4,
  retry_of: null,
  node_runs: [
    { node_id: 'b', type: 'template', status: 'succeeded', attempts: 1, output: { text: 'HI' }, error: null, logs: [], handles: [], started_at: '2026-01-01T00:00:00.002Z', finished_at: null, duration_ms: 1 },
    { node_id: 'c', type: 'template', status: 'skipped', attempts: 0, output: null, error: null, logs: [], handles: [], started_at: null, finished_at: null },
    { node_id: 'a', type: 'input_text', status: 'succeeded', attempts: 1, output: { text: 'hi' }, error: null, logs: [], handles: [], started_at: '2026-01-01T00:00:00.001Z', finished_at: null, duration_ms: 0.1 },
  ],
};

describe('replaying a stored execution', () => {
  it('plays its nodes in start order and ends where the record ends', () => {
    const events = eventsOf(record);
    expect(events.map((e) => `${e.type}:${e.node_id ?? ''}`)).toEqual([
      'run.started:',
      'node.started:a',
      'node.finished:a',
      'node.started:b',
      'node.finished:b',
      'node.finished:c',
      'run.finished:',
    ]);
    const replayed = events.reduce(applyEvent, startedRun('ex_1'));
    const stored = fromExecution(record);
    expect(replayed.status).toBe(stored.status);
    expect(replayed.outputs).toEqual(stored.outputs);
    for (const id of ['a', 'b', 'c']) {
      expect(replayed.nodes[id]?.status).toBe(stored.nodes[id]?.status);
      expect(replayed.nodes[id]?.output ?? null).toEqual(stored.nodes[id]?.output ?? null);
    }
  });
});
