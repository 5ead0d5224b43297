import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { AuthContext, type AuthMode } from '../app/AuthContext';
import type { Session, SessionWorkspace } from '../shared/auth/session';

/** A signed-in session in one workspace; `setRole` changes the role as a token refresh would. */
export function fakeSession(role: string): Session & { setRole(next: string): void } {
  let workspace: SessionWorkspace = { id: 'w1', name: 'Research', role };
  const listeners = new Set<() => void>();
  return {
    token: () => 't',
    user: () => ({ id: 'u1', email: 'ada@example.com', name: 'Ada' }),
    workspace: () => workspace,
    lastWorkspace: () => null,
    signIn: vi.fn(),
    refresh: () => Promise.resolve(true),
    restore: () => Promise.resolve(true),
    refreshDueIn: () => 840_000,
    signOut: vi.fn(() => Promise.resolve()),
    switchWorkspace: vi.fn(() => Promise.resolve()),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setRole(next) {
      workspace = { ...workspace, role: next };
      listeners.forEach((l) => l());
    },
  };
}

/** Provides the auth context of a caller with `role` (or a server without accounts: `mode: 'open'`). */
export function FakeAuth({ role, mode = 'auth', session, children }: { role: string; mode?: AuthMode; session?: Session; children: ReactNode }) {
  return <AuthContext.Provider value={{ mode, session: session ?? fakeSession(role) }}>{children}</AuthContext.Provider>;
}
