/**
 * The signed-in session: an access token (15 minutes) for every request and a
 * refresh token (single use) that buys the next pair. Both are kept in
 * localStorage so a reload or a second tab stays signed in; a Web Lock makes
 * tabs refresh one at a time, since presenting a used refresh token ends every
 * session of the login (docs/security.md, "Sessions").
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

/** The answer of login, setup and refresh. */
export interface SessionTokens {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  user: SessionUser;
  workspace: SessionWorkspace;
}

interface Stored {
  access: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  refresh: string;
  user: SessionUser;
  workspace: SessionWorkspace;
}

export const kSessionKey = 'weft.session';
/** The workspace last used, by account: the next sign-in opens it again. Kept after sign-out. */
export const kLastWorkspaceKey = 'weft.lastWorkspace';
/** Refresh this long before the access token runs out. */
export const kRefreshMarginMs = 60_000;

type Post = (path: string, body: object) => Promise<SessionTokens>;

export interface Session {
  /** The access token, or null when signed out. */
  token(): string | null;
  user(): SessionUser | null;
  workspace(): SessionWorkspace | null;
  /** Stores the answer of login or setup. */
  signIn(tokens: SessionTokens): void;
  /** Trades the refresh token for a new pair; false when signed out for good. */
  refresh(): Promise<boolean>;
  signOut(): Promise<void>;
  /** Trades the refresh token for a session in another workspace of the same user. */
  switchWorkspace(workspace: string): Promise<void>;
  /** The workspace `email` last worked in on this browser, to sign in there again. */
  lastWorkspace(email: string): string | null;
  /** Called with the new state on every change (sign in, refresh, sign out). */
  subscribe(listener: () => void): () => void;
}

export interface SessionOptions {
  post: Post;
  storage?: Storage;
  now?: () => number;
  locks?: LockManager | null;
}

export function createSession(options: SessionOptions): Session {
  const storage = options.storage ?? window.localStorage;
  const now = options.now ?? Date.now;
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const listeners = new Set<() => void>();
  let inflight: Promise<boolean> | null = null;

  const read = (): Stored | null => {
    try {
      const text = storage.getItem(kSessionKey);
      return text ? (JSON.parse(text) as Stored) : null;
    } catch {
      return null;
    }
  };
  const write = (stored: Stored | null) => {
    if (stored) {
      storage.setItem(kSessionKey, JSON.stringify(stored));
      storage.setItem(kLastWorkspaceKey, JSON.stringify({ email: stored.user.email, workspace: stored.workspace.id }));
    } else {
      storage.removeItem(kSessionKey);
    }
    listeners.forEach((l) => l());
  };
  const fromTokens = (t: SessionTokens): Stored => ({
    access: t.access_token,
    expiresAt: now() + t.expires_in * 1000,
    refresh: t.refresh_token,
    user: t.user,
    workspace: t.workspace,
  });
  const fresh = (s: Stored | null) => s !== null && s.expiresAt - kRefreshMarginMs > now();

  const doRefresh = async (): Promise<boolean> => {
    const before = read();
    if (!before) return false;
    if (fresh(before)) return true; // another tab refreshed meanwhile
    try {
      write(fromTokens(await options.post('/api/auth/refresh', { refresh_token: before.refresh })));
      return true;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401 || status === 400) {
        // Only forget the login if no other tab has replaced it meanwhile.
        if (read()?.refresh === before.refresh) write(null);
        return false;
      }
      return read() !== null; // a network error: keep the login, try again later
    }
  };

  return {
    token: () => read()?.access ?? null,
    user: () => read()?.user ?? null,
    workspace: () => read()?.workspace ?? null,
    lastWorkspace(email) {
      try {
        const last = JSON.parse(storage.getItem(kLastWorkspaceKey) ?? 'null') as { email?: string; workspace?: string } | null;
        return last?.email && last.workspace && last.email === email.trim().toLowerCase() ? last.workspace : null;
      } catch {
        return null;
      }
    },
    signIn: (tokens) => write(fromTokens(tokens)),
    refresh() {
      if (!inflight) {
        const run: Promise<boolean> = locks ? locks.request('weft-session-refresh', () => doRefresh()).then((ok) => ok) : doRefresh();
        inflight = run.finally(() => {
          inflight = null;
        });
      }
      return inflight;
    },
    async switchWorkspace(workspace) {
      const work = async () => {
        const stored = read();
        if (!stored) throw new Error('Signed out');
        write(fromTokens(await options.post('/api/auth/refresh', { refresh_token: stored.refresh, workspace })));
      };
      // Same lock as refresh: a refresh token is good once, so no other tab may spend it meanwhile.
      await (locks ? locks.request('weft-session-refresh', work) : work());
    },
    async signOut() {
      const stored = read();
      write(null);
      if (stored) {
        await options.post('/api/auth/logout', { refresh_token: stored.refresh }).catch(() => undefined);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Milliseconds until the stored access token should be refreshed (0 when due), or null when signed out. */
export function refreshDueIn(storage: Storage, now = Date.now()): number | null {
  try {
    const text = storage.getItem(kSessionKey);
    if (!text) return null;
    const stored = JSON.parse(text) as Stored;
    return Math.max(0, stored.expiresAt - kRefreshMarginMs - now);
  } catch {
    return null;
  }
}
