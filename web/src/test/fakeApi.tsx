import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiProvider } from '../shared/api/ApiProvider';
import type { Me, Role } from '../shared/api/accountTypes';
import { ApiError } from '../shared/api/client';
import type { RunSettings } from '../shared/api/types';
import { allows } from '../shared/auth/permissions';
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

/**
 * `GET`/`PUT /api/settings/runs` as the server answers them: the limit is
 * kept between calls; a caller below admin gets 403, a limit that is not a
 * whole number from 1 to 10,000 (or null) a 422 naming `/run_concurrency`.
 * Spread it into `FakeApi`'s `api`; `saveRunSettings` is a spy.
 */
export function fakeRunSettings(initial: number | null = null, role: Role = 'owner') {
  let limit = initial;
  return {
    getRunSettings: vi.fn(() => Promise.resolve<RunSettings>({ run_concurrency: limit })),
    saveRunSettings: vi.fn((body: RunSettings) => {
      if (!allows(role, 'manage')) {
        return Promise.reject(new ApiError(403, 'forbidden', `Your role (${role}) may not manage in this workspace`, [], null));
      }
      const n = body.run_concurrency;
      if (n !== null && !(Number.isInteger(n) && n >= 1 && n <= 10_000)) {
        const details = [{ pointer: '/run_concurrency', message: 'must be an integer from 1 to 10000, or null' }];
        return Promise.reject(new ApiError(422, 'invalid_input', 'the run settings are not valid', details, null));
      }
      limit = n;
      return Promise.resolve<RunSettings>({ run_concurrency: limit });
    }),
  };
}
