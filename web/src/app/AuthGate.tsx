import { useEffect, useState, type ReactNode } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import { ApiError } from '../shared/api/client';
import type { Session } from '../shared/auth/session';
import { ErrorState, LoadingState } from '../shared/ui/States';
import { AuthContext, type AuthMode } from './AuthContext';
import { SignInPage } from './SignInPage';

type Gate = { phase: 'checking' } | { phase: 'error'; error: Error } | { phase: 'setup' } | { phase: 'ready'; mode: AuthMode };

/**
 * Shows the app once the caller is known: the first-owner setup on a new
 * install, the sign-in form when there is no valid session, the app itself
 * otherwise. A reload or a new tab has no access token yet: it trades the
 * browser's refresh cookie for one first. Keeps the token fresh while the app is open.
 */
export function AuthGate({ session, children }: { session: Session; children: ReactNode }) {
  const api = useApi();
  const [gate, setGate] = useState<Gate>({ phase: 'checking' });
  const [signedIn, setSignedIn] = useState(() => session.token() !== null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => session.subscribe(() => setSignedIn(session.token() !== null)), [session]);

  useEffect(() => {
    let live = true;
    api.http
      .request<{ needs_setup: boolean }>('GET', '/api/auth/setup')
      .then(async (answer) => {
        if (!live) return;
        if (answer.needs_setup) {
          setGate({ phase: 'setup' });
          return;
        }
        await (session.token() === null ? session.restore() : session.refresh());
        if (live) setGate({ phase: 'ready', mode: 'auth' });
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
          setGate({ phase: 'ready', mode: 'open' });
        } else {
          setGate({ phase: 'error', error: e as Error });
        }
      });
    return () => {
      live = false;
    };
  }, [api, session, attempt]);

  // Refresh a minute before the access token expires.
  useEffect(() => {
    if (gate.phase !== 'ready' || gate.mode !== 'auth' || !signedIn) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      const due = session.refreshDueIn();
      if (due === null) return;
      timer = setTimeout(() => void session.refresh().then(schedule), due);
    };
    schedule();
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [gate, signedIn, session]);

  if (gate.phase === 'checking') return <LoadingState label="Connecting…" />;
  if (gate.phase === 'error') return <ErrorState error={gate.error} onRetry={() => setAttempt((a) => a + 1)} />;
  if (gate.phase === 'setup') {
    return <SignInPage kind="setup" session={session} onDone={() => setGate({ phase: 'ready', mode: 'auth' })} />;
  }
  if (gate.mode === 'auth' && !signedIn) {
    return <SignInPage kind="login" session={session} onDone={() => setSignedIn(true)} />;
  }
  return <AuthContext.Provider value={{ mode: gate.mode, session }}>{children}</AuthContext.Provider>;
}
