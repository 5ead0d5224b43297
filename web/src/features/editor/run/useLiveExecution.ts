import { useEffect } from 'react';
import { useApi, useRunSocket } from '../../../shared/api/ApiProvider';
import type { RunEvent } from '../../../shared/api/types';
import type { RunStore } from './run.store';
import { isFinished } from './runState';

/** How often the run is read over HTTP when the WebSocket is not there. */
export const kPollMs = 300;
/** With the socket open but quiet, how often a safety read happens. */
export const kQuietCheckMs = 2000;

const frame = (fn: () => void) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16);

/**
 * Follows one execution into `store`: events over the WebSocket (batched per
 * animation frame), and `GET /api/executions/{id}` every 300 ms while the
 * socket is not open (no WebSocket, a proxy that blocks it). When the run
 * ends, one last read brings the stored record (handles, logs) in.
 */
export function useLiveExecution(store: RunStore, executionId: string | null): void {
  const api = useApi();
  const socket = useRunSocket();

  useEffect(() => {
    if (!executionId) {
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let queued: RunEvent[] = [];
    let scheduled = false;
    let lastEventAt = Date.now();

    const current = () => store.getState().run;
    const done = () => current().executionId !== executionId || isFinished(current().status);

    const read = async () => {
      try {
        const record = await api.getExecution(executionId);
        if (!stopped && current().executionId === executionId) {
          store.getState().snapshot(record);
        }
      } catch {
        // A missed read is retried at the next tick.
      }
    };

    const flush = () => {
      scheduled = false;
      const batch = queued;
      queued = [];
      store.getState().apply(batch);
      if (batch.some((e) => e.type === 'run.finished')) {
        void read();
      }
    };

    const unsubscribe = socket.subscribe(
      executionId,
      (event) => {
        lastEventAt = Date.now();
        queued.push(event);
        if (!scheduled) {
          scheduled = true;
          frame(flush);
        }
      },
      current().executionId === executionId ? current().lastSeq : 0,
      () => {
        // The server lost the live numbering and replays the stored run from seq 1.
        queued = [];
        store.getState().start(executionId);
      },
    );

    const tick = async () => {
      timer = null;
      if (stopped || done()) {
        return;
      }
      const open = socket.state() === 'open';
      if (!open || Date.now() - lastEventAt > kQuietCheckMs) {
        await read();
        lastEventAt = open ? Date.now() : lastEventAt;
      }
      if (!stopped && !done()) {
        timer = setTimeout(tick, open ? kQuietCheckMs : kPollMs);
      }
    };
    timer = setTimeout(tick, kPollMs);

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [api, socket, store, executionId]);
}
