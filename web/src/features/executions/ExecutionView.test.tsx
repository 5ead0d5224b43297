import { ReactFlowProvider } from '@xyflow/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../shared/api/ApiProvider';
import type { RunSocket } from '../../shared/api/runSocket';
import type { ExecutionRecord } from '../../shared/api/types';
import type { WeftApi } from '../../shared/api/weftApi';
import { createRunStore } from '../editor/run/run.store';
import { createEditorStore } from '../editor/store/editor.store';
import { EditorProvider } from '../editor/store/EditorContext';
import { ExecutionView } from './ExecutionView';

const execution: ExecutionRecord = {
  id: 'ex_1',
  pipeline_id: 'p',
  pipeline_version: 1,
  status: 'failed',
  inputs: {},
  outputs: null,
  error: null,
  created_at: '2026-01-01T00:00:00Z',
  finished_at: '2026-01-01T00:00:01Z',
  duration_ms: 1200,
  retry_of: null,
  node_runs: [
    { node_id: 'a', type: 'template', status: 'succeeded', attempts: 1, output: { text: 'x' }, error: null, logs: [], handles: [], started_at: '2026-01-01T00:00:00Z', finished_at: null },
    { node_id: 'b', type: 'template', status: 'failed', attempts: 1, output: null, error: null, logs: [], handles: [], started_at: '2026-01-01T00:00:01Z', finished_at: null },
  ],
};

const socket: RunSocket = {
  subscribe: () => () => {},
  subscribeFeed: () => () => {},
  onState: () => () => {},
  state: () => 'unavailable',
  lastSeq: () => 0,
};

describe('ExecutionView', () => {
  it('shows the replayed run’s recorded status in the header while the replay draws it, not "Running"', async () => {
    const store = createEditorStore({ readOnly: true });
    store.getState().load({ nodes: [{ id: 'a', type: 'template', config: {} }, { id: 'b', type: 'template', config: {} }], edges: [{ source: 'a', target: 'b' }] }, 1);
    const run = createRunStore();
    run.getState().snapshot(execution);
    const api = { getExecution: () => Promise.resolve(execution) } as Partial<WeftApi> as WeftApi;
    render(
      <ApiProvider api={api} socket={socket}>
        <EditorProvider value={{ store, run, catalogue: new Map() }}>
          <ReactFlowProvider>
            <ExecutionView execution={execution} pipelineName="P" />
          </ReactFlowProvider>
        </EditorProvider>
      </ApiProvider>,
    );
    const status = () => screen.getByTestId('execution-status').textContent;
    expect(status()).toContain('Failed');
    fireEvent.click(screen.getByTestId('replay'));
    await waitFor(() => expect(screen.getByTestId('replay').textContent).toContain('Replaying'));
    // The canvas is mid-replay (the run store says running); the header says what the run was.
    expect(run.getState().run.status).toBe('running');
    expect(status()).toContain('Failed');
    expect(status()).not.toContain('Running');
  });

  it('offers the files a run made as downloads, among its outputs and in the block that made them', async () => {
    const file = { id: 'file_7', name: 'totals.csv', mime: 'text/csv', size: 10, sha256: 'ab' };
    const made: ExecutionRecord = {
      ...execution,
      status: 'succeeded',
      outputs: { report: file },
      node_runs: [{ node_id: 'out', type: 'output_file', status: 'succeeded', attempts: 1, output: { file }, error: null, logs: [], handles: [], started_at: '2026-01-01T00:00:00Z', finished_at: null }],
    };
    const store = createEditorStore({ readOnly: true });
    store.getState().load({ nodes: [{ id: 'out', type: 'output_file', config: {} }], edges: [] }, 1);
    const run = createRunStore();
    run.getState().snapshot(made);
    const downloadFile = vi.fn(() => Promise.reject(new Error('offline')));
    const api = { getExecution: () => Promise.resolve(made), downloadFile } as Partial<WeftApi> as WeftApi;
    render(
      <ApiProvider api={api} socket={socket}>
        <EditorProvider value={{ store, run, catalogue: new Map() }}>
          <ReactFlowProvider>
            <ExecutionView execution={made} pipelineName="P" />
          </ReactFlowProvider>
        </EditorProvider>
      </ApiProvider>,
    );
    const outputs = screen.getByTestId('output-details');
    fireEvent.click(within(outputs).getByRole('button', { name: /totals\.csv/ }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalledWith('file_7'));
    fireEvent.click(screen.getByRole('button', { name: /^out/ }));
    expect(within(screen.getByTestId('output-details')).getByRole('button', { name: /totals\.csv/ }).textContent).toContain('10 B');
  });
});
