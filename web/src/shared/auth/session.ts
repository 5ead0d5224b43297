/**
 * The signed-in session. The access token (15 minutes) lives in this tab's
 * memory only; the refresh token that buys the next one is an HttpOnly
 * cookie no script can read, sent by the browser to /api/auth only. A reload
 * or a second tab starts by trading the cookie for an access token of its
 * own. The cookie rotates on every refresh and a spent one ends the whole
 * login (docs/security.md, "Sessions"), so a Web Lock makes tabs refresh one
 * at a time, each after the cookie the previous one got back.
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface SessionWorkspace {
  id: string;
  name: string;
  role: string;
}

/** The answer of login, setup, invite accept, password change and refresh (cookie mode: no refresh token). */
export interface SessionTokens {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  user: SessionUser;
  workspace: SessionWorkspace;
}

interface Current {
  access: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  user: SessionUser;
  workspace: SessionWorkspace;
}

/**
 * Sent with every request that starts or renews a session: the server then
 * keeps the refresh token in its cookie and leaves it out of the answer.
 */
export const kCookieModeHeaders: Readonly<Record<string, string>> = { 'X-Weft-Refresh': 'cookie' };
/** The workspace last used, by account: the next sign-in opens it again. Kept after sign-out; not a secret. */
export const kLastWorkspaceKey = 'weft.lastWorkspace';
/** Refresh this long before the access token runs out. */
export const kRefreshMarginMs = 60_000;
const kLockName = 'weft-session-refresh';
const kChannelName = 'weft-session';

type Post = (path: string, body: object) => Promise<SessionTokens>;

/** What one tab tells the others: a session changed (they renew theirs from the cookie) or ended. */
type Broadcast = 'changed' | 'signed-out';

export interface Session {
  /** The access token, or null when signed out. */
  token(): string | null;
  user(): SessionUser | null;
  workspace(): SessionWorkspace | null;
  /** Keeps the answer of login, setup, invite accept or password change. */
  signIn(tokens: SessionTokens): void;
  /** Trades the cookie for a new access token (at once unless it is due); false when signed out for good. */
  refresh(): Promise<boolean>;
  /** Picks up the login this browser already has (a reload, a second tab); false when there is none. */
  restore(): Promise<boolean>;
  signOut(): Promise<void>;
  /** Trades the cookie for a session in another workspace of the same user. */
  switchWorkspace(workspace: string): Promise<void>;
  /** The workspace `email` last worked in on this browser, to sign in there again. */
  lastWorkspace(email: string): string | null;
  /** Milliseconds until the access token should be refreshed (0 when due), or null when signed out. */
  refreshDueIn(): number | null;
  /** Called with the new state on every change (sign in, refresh, sign out). */
  subscribe(listener: () => void): () => void;
}

export interface SessionOptions {
  /** POSTs to the auth routes with the cookie and kCookieModeHeaders; rejects with `{status}` on an error answer. */
  post: Post;
  /** Where the workspace last used is remembered (nothing else is stored). */
  storage?: Storage;
  now?: () => number;
  locks?: LockManager | null;
  /** Tells the other tabs of this browser; null: no other tabs to tell. */
  channel?: BroadcastChannel | null;
}

export function createSession(options: SessionOptions): Session {
  const storage = options.storage ?? window.localStorage;
  const now = options.now ?? Date.now;
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const channel =
    options.channel === undefined
      ? typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(kChannelName)
      : options.channel;
  const listeners = new Set<() => void>();
  let current: Current | null = null;
  let inflight: Promise<boolean> | null = null;

  const set = (next: Current | null) => {
    current = next;
    if (next) {
      storage.setItem(kLastWorkspaceKey, JSON.stringify({ email: next.user.email, workspace: next.workspace.id }));
    }
    listeners.forEach((l) => l());
  };
  const tell = (message: Broadcast) => channel?.postMessage(message);
  const fromTokens = (t: SessionTokens): Current => ({
    access: t.access_token,
    expiresAt: now() + t.expires_in * 1000,
    user: t.user,
    workspace: t.workspace,
  });
  const fresh = () => current !== null && current.expiresAt - kRefreshMarginMs > now();
  // The lock's typings nest the callback's promise; the runtime resolves it once.
  const serially = <T>(work: () => Promise<T>): Promise<T> => (locks ? locks.request(kLockName, work).then((done) => done) : work());

  /** One refresh at a time in this tab, and (by the lock) in this browser. */
  const renew = (force: boolean): Promise<boolean> => {
    if (!inflight) {
      inflight = serially(async () => {
        if (!force && fresh()) return true;
        try {
          set(fromTokens(await options.post('/api/auth/refresh', {})));
          return true;
        } catch (error) {
          const status = (error as { status?: number }).status;
          if (status === 401 || status === 400) {
            if (current) set(null);
            return false;
          }
          return current !== null; // a network error: keep what we have, try again later
        }
      }).finally(() => {
        inflight = null;
      });
    }
    return inflight;
  };

  channel?.addEventListener('message', (event: MessageEvent<Broadcast>) => {
    if (event.data === 'signed-out') {
      if (current) set(null);
    } else if (event.data === 'changed') {
      void renew(true);
    }
  });

  return {
    token: () => current?.access ?? null,
    user: () => current?.user ?? null,
    workspace: () => current?.workspace ?? null,
    lastWorkspace(email) {
      try {
        const last = JSON.parse(storage.getItem(kLastWorkspaceKey) ?? 'null') as { email?: string; workspace?: string } | null;
        return last?.email && last.workspace && last.email === email.trim().toLowerCase() ? last.workspace : null;
      } catch {
        return null;
      }
    },
    signIn(tokens) {
      set(fromTokens(tokens));
      tell('changed');
    },
    refresh: () => renew(false),
    restore: () => renew(true),
    async switchWorkspace(workspace) {
      // Under the same lock as refresh: the cookie is good once, so no other tab may spend it meanwhile.
      await serially(async () => {
        if (!current) throw new Error('Signed out');
        set(fromTokens(await options.post('/api/auth/refresh', { workspace })));
      });
      tell('changed');
    },
    async signOut() {
      const was = current;
      set(null);
      tell('signed-out');
      if (was) {
        await serially(() => options.post('/api/auth/logout', {})).catch(() => undefined);
      }
    },
    refreshDueIn: () => (current ? Math.max(0, current.expiresAt - kRefreshMarginMs - now()) : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
