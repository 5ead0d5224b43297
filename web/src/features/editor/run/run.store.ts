import { createStore } from 'zustand/vanilla';
import type { ExecutionRecord, RunEvent } from '../../../shared/api/types';
import { applyEvent, fromExecution, kIdleRun, startedRun, type RunView } from './runState';

export interface RunState {
  run: RunView;
  /** Starts following a new execution; forgets the previous one. */
  start(executionId: string): void;
  apply(events: RunEvent[]): void;
  snapshot(record: ExecutionRecord): void;
  clear(): void;
}

/** The run shown on one canvas (a live editor run or a stored execution). */
export function createRunStore() {
  return createStore<RunState>()((set) => ({
    run: kIdleRun,
    start: (executionId) => set({ run: startedRun(executionId) }),
    apply: (events) =>
      set((s) => {
        let run = s.run;
        for (const e of events) {
          run = applyEvent(run, e);
        }
        return run === s.run ? s : { run };
      }),
    snapshot: (record) => set((s) => ({ run: fromExecution(record, s.run) })),
    clear: () => set({ run: kIdleRun }),
  }));
}

export type RunStore = ReturnType<typeof createRunStore>;
