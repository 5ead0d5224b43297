import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../shared/api/ApiProvider';
import type { RunSocket } from '../../../shared/api/runSocket';
import type { ExecutionRecord, RunEvent } from '../../../shared/api/types';
import type { WeftApi } from '../../../shared/api/weftApi';
import { createRunStore } from './run.store';
import { useLiveExecution } from './useLiveExecution';

const record = (status: ExecutionRecord['status'], nodeStatus: 'running' | 'succeeded'): ExecutionRecord => ({
  id: 'ex_1',
  pipeline_id: 'p',
  pipeline_version: 1,
  status,
  inputs: {},
  outputs: status === 'succeeded' ? { out: 'done' } : null,
  error: null,
  created_at: '2026-01-01T00:00:00Z',
  finished_at: null,
  retry_of: null,
  node_runs: [{ node_id: 'a', type: 't', status: nodeStatus, attempts: 1, output: null, error: null, logs: [], handles: [], started_at: null, finished_at: null }],
});

/** A socket that never connects (no /api/ws, or a proxy that blocks it). */
function deadSocket(): RunSocket {
  return {
    subscribe: () => () => {},
    subscribeFeed: () => () => {},
    onState: () => () => {},
    state: () => 'unavailable',
    lastSeq: () => 0,
  };
}

/** A socket that is open and pushes the events the test gives it. */
function liveSocket() {
  let listener: ((e: RunEvent) => void) | null = null;
  const socket: RunSocket = {
    subscribe: (_id, l) => {
      listener = l;
      return () => (listener = null);
    },
    subscribeFeed: () => () => {},
    onState: () => () => {},
    state: () => 'open',
    lastSeq: () => 0,
  };
  return { socket, push: (e: RunEvent) => listener?.(e) };
}

function wrapper(api: Partial<WeftApi>, socket: RunSocket) {
  return ({ children }: { children: ReactNode }) => (
    <ApiProvider api={api as WeftApi} socket={socket}>
      {children}
    </ApiProvider>
  );
}

describe('useLiveExecution', () => {
  it('falls back to polling the execution when the WebSocket is not there', async () => {
    const getExecution = vi
      .fn()
      .mockResolvedValueOnce(record('running', 'running'))
      .mockResolvedValue(record('succeeded', 'succeeded'));
    const store = createRunStore();
    store.getState().start('ex_1');
    renderHook(() => useLiveExecution(store, 'ex_1'), { wrapper: wrapper({ getExecution }, deadSocket()) });
    await waitFor(() => expect(store.getState().run.status).toBe('succeeded'), { timeout: 3000 });
    expect(store.getState().run.nodes.a?.status).toBe('succeeded');
    expect(store.getState().run.outputs).toEqual({ out: 'done' });
    const calls = getExecution.mock.calls.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(getExecution.mock.calls.length).toBe(calls); // stops once the run ended
  });

  it('applies WebSocket events and reads the stored run once at the end', async () => {
    const getExecution = vi.fn().mockResolvedValue(record('succeeded', 'succeeded'));
    const { socket, push } = liveSocket();
    const store = createRunStore();
    store.getState().start('ex_1');
    renderHook(() => useLiveExecution(store, 'ex_1'), { wrapper: wrapper({ getExecution }, socket) });
    push({ seq: 1, type: 'node.started', execution_id: 'ex_1', node_id: 'a', data: {} });
    push({ seq: 2, type: 'node.token', execution_id: 'ex_1', node_id: 'a', data: { text: 'Hel' } });
    push({ seq: 3, type: 'node.token', execution_id: 'ex_1', node_id: 'a', data: { text: 'lo' } });
    await waitFor(() => expect(store.getState().run.nodes.a?.tokens).toBe('Hello'));
    expect(getExecution).not.toHaveBeenCalled();
    push({ seq: 4, type: 'run.finished', execution_id: 'ex_1', data: { status: 'succeeded', outputs: { out: 'done' } } });
    await waitFor(() => expect(getExecution).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(store.getState().run.nodes.a?.status).toBe('succeeded'));
    expect(store.getState().run.nodes.a?.tokens).toBe('Hello');
  });
});
