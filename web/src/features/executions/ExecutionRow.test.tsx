import { cleanup, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, ExecutionSummary } from '../../shared/api/types';
import { applyEvent, fromExecution } from '../editor/run/runState';
import { ExecutionRow } from './ExecutionRow';

const summary = (patch: Partial<ExecutionSummary>): ExecutionSummary => ({
  id: 'ex_1',
  pipeline_id: 'greet',
  pipeline_version: 2,
  status: 'queued',
  inputs: {},
  outputs: null,
  error: null,
  created_at: '2026-01-01T00:00:00Z',
  finished_at: null,
  retry_of: null,
  ...patch,
});

function row(execution: ExecutionSummary) {
  render(
    <table>
      <tbody>
        <ExecutionRow execution={execution} pipelineName="Greeting" />
      </tbody>
    </table>,
  );
  return within(screen.getAllByRole('cell')[0]!);
}

describe('a queued execution', () => {
  it('shows a Queued badge with its place in line', () => {
    const status = row(summary({ queue_position: 3 }));
    expect(status.getByText('Queued')).toBeTruthy();
    expect(status.getByTestId('queue-position').textContent).toBe('· #3 in line');
  });

  it('shows the badge alone when the server gave no place, and no place once it runs', () => {
    expect(row(summary({})).queryByTestId('queue-position')).toBeNull();
    cleanup();
    const running = row(summary({ status: 'running', queue_position: 3 }));
    expect(running.getByText('Running')).toBeTruthy();
    expect(running.queryByTestId('queue-position')).toBeNull();
  });

  it('keeps its place in the run view (execution page, editor) until it starts', () => {
    const record: ExecutionRecord = { ...summary({ queue_position: 2 }), node_runs: [] };
    let run = fromExecution(record);
    expect(run).toMatchObject({ status: 'queued', queuePosition: 2 });
    run = applyEvent(run, { seq: 1, type: 'run.started', execution_id: 'ex_1', data: {} });
    expect(run.status).toBe('running');
    expect(run.queuePosition).toBeUndefined();
  });
});
