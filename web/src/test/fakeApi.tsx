import type { ReactNode } from 'react';
import { ApiProvider } from '../shared/api/ApiProvider';
import type { Me, Role } from '../shared/api/accountTypes';
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

/** The answer of `GET /api/me` for Ada, owner of "Research", a server admin or not. */
export function fakeMe({ serverAdmin = false, role = 'owner' }: { serverAdmin?: boolean; role?: Role } = {}): Me {
  return {
    user: { id: 'u1', email: 'ada@example.com', name: 'Ada', server_admin: serverAdmin },
    workspace: { id: 'w1', name: 'Research', role },
    workspaces: [{ id: 'w1', name: 'Research', role }],
  };
}
