import { useSyncExternalStore } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import { useResource } from '../shared/lib/useResource';
import { useAuth } from './AuthContext';

/**
 * Whether the signed-in account is a server admin (`user.server_admin` of
 * `GET /api/me`; the first account is one): null while it is being asked,
 * false on a server without accounts or when the answer cannot be read.
 * Server admins manage the server's providers and settings (the Server page).
 * Like `useCan`, it only decides what the editor offers; the server checks.
 */
export function useServerAdmin(): boolean | null {
  const { mode, session } = useAuth();
  const api = useApi();
  const user = useSyncExternalStore(session.subscribe, () => session.user()?.id ?? null);
  const asking = mode === 'auth' && user !== null;
  const me = useResource(() => (asking ? api.me() : Promise.resolve(null)), `server-admin:${asking ? user : ''}`);
  if (!asking) return false;
  if (me.loading) return null;
  return me.data?.user.server_admin === true;
}
