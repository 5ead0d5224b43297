import { useMemo, useState } from 'react';
import { ApiProvider } from '../shared/api/ApiProvider';
import { createHttpClient, type ClientOptions } from '../shared/api/client';
import { createSession, kCookieModeHeaders, type SessionTokens } from '../shared/auth/session';
import { Toaster } from '../shared/ui/Toaster';
import { AuthGate } from './AuthGate';
import { InvitePage } from './InvitePage';
import { Layout } from './Layout';
import { publicPage, Routes } from './Routes';
import { useLocation } from './router';

/** Providers and frame around the routed page. */
export function App() {
  const location = useLocation();
  const [session] = useState(() => {
    const plain = createHttpClient();
    return createSession({
      post: (path, body) => plain.request<SessionTokens>('POST', path, { body, headers: kCookieModeHeaders }),
    });
  });
  const options: ClientOptions = useMemo(
    () => ({
      getToken: () => session.token(),
      refresh: () => session.refresh(),
      onUnauthorized: () => {
        // The refresh failed too: the session is gone and the gate shows the sign-in form.
        window.dispatchEvent(new CustomEvent('weft:unauthorized'));
      },
    }),
    [session],
  );
  return (
    <ApiProvider options={options}>
      {publicPage(location) ?? (location.split('?')[0] === '/invite' ? (
        <InvitePage session={session} />
      ) : (
        <AuthGate session={session}>
          <Layout>
            <Routes />
          </Layout>
        </AuthGate>
      ))}
      <Toaster />
    </ApiProvider>
  );
}
