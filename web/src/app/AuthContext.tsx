import { createContext, useContext } from 'react';
import type { Session } from '../shared/auth/session';

/** `open`: the server has no accounts (an older build); `auth`: every call carries the session's token. */
export type AuthMode = 'open' | 'auth';

export interface AuthState {
  mode: AuthMode;
  session: Session;
}

export const AuthContext = createContext<AuthState | null>(null);

/** The session and whether the server wants one. */
export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error('useAuth must be used inside <AuthGate>');
  }
  return value;
}
