import { useSyncExternalStore } from 'react';
import { allows, type Action } from '../shared/auth/permissions';
import { useAuth } from './AuthContext';

/**
 * The caller's role in the current workspace, or null on a server without
 * accounts. Follows the session, so a role changed by an admin shows after
 * the next token refresh.
 */
export function useRole(): string | null {
  const { mode, session } = useAuth();
  const role = useSyncExternalStore(session.subscribe, () => session.workspace()?.role ?? null);
  return mode === 'auth' ? role : null;
}

/**
 * Whether the caller may do `action` in this workspace (the server's rule,
 * `allows`); a server without accounts allows everything. Use it to hide or
 * disable what the server would refuse, never instead of the server's check.
 *
 * Example: `const canBuild = useCan('build'); {canBuild ? <NewPipelineButton /> : null}`
 */
export function useCan(action: Action): boolean {
  const { mode } = useAuth();
  const role = useRole();
  return mode === 'open' || allows(role, action);
}
