import type { ReactNode } from 'react';
import { ApiProvider } from '../shared/api/ApiProvider';
import type { RunSocket } from '../shared/api/runSocket';
import type { WeftApi } from '../shared/api/weftApi';

/** Provides an API whose methods are the given fakes (anything else is missing), and the socket's. */
export function FakeApi({ api, socket = {}, children }: { api: Partial<WeftApi>; socket?: Partial<RunSocket>; children: ReactNode }) {
  return (
    <ApiProvider api={api as WeftApi} socket={socket as RunSocket}>
      {children}
    </ApiProvider>
  );
}
