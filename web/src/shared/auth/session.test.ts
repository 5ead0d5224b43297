import { describe, expect, it, vi } from 'vitest';
import { createSession, kLastWorkspaceKey, type SessionTokens } from './session';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** Two tabs' ends of one BroadcastChannel, delivering synchronously. */
function channelPair(): [BroadcastChannel, BroadcastChannel] {
  const make = () => {
    const listeners: ((e: MessageEvent) => void)[] = [];
    return {
      listeners,
      peer: null as null | { listeners: ((e: MessageEvent) => void)[] },
      addEventListener: (_type: string, l: (e: MessageEvent) => void) => listeners.push(l),
      postMessage(data: unknown) {
        this.peer?.listeners.forEach((l) => l({ data } as MessageEvent));
      },
    };
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a as unknown as BroadcastChannel, b as unknown as BroadcastChannel];
}

const tokens = (n: number, withRefresh = false): SessionTokens => ({
  access_token: `access${n}`,
  expires_in: 900,
  ...(withRefresh ? { refresh_token: `refresh${n}` } : {}),
  user: { id: 'u', email: 'ada@example.com', name: 'Ada' },
  workspace: { id: 'ws', name: 'Default', role: 'owner' },
});

const refused = (status: number) => Object.assign(new Error('no'), { status });

describe('session', () => {
  it('keeps tokens in memory only, refreshes once for many callers, and sends no token (the cookie does)', async () => {
    let clock = 0;
    const post = vi.fn(async (_path: string, body: object) => {
      expect(body).toEqual({});
      return tokens(2);
    });
    const storage = new MemoryStorage();
    const session = createSession({ post, storage: storage as unknown as Storage, now: () => clock, locks: null, channel: null });
    session.signIn(tokens(1, true));
    expect(session.token()).toBe('access1');
    expect(await session.refresh()).toBe(true); // still fresh: no call
    expect(post).not.toHaveBeenCalled();
    clock = 900_000;
    const results = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith('/api/auth/refresh', {});
    expect(session.token()).toBe('access2');
    // Only the workspace last used is stored, and it holds no token.
    expect([...storage.map.keys()]).toEqual([kLastWorkspaceKey]);
    expect([...storage.map.values()].join()).not.toMatch(/access|refresh/);
  });

  it('restores the login of this browser from the cookie, or says there is none', async () => {
    const post = vi.fn().mockResolvedValueOnce(tokens(7)).mockRejectedValueOnce(refused(400));
    const session = createSession({ post, storage: new MemoryStorage() as unknown as Storage, now: () => 0, locks: null, channel: null });
    expect(session.token()).toBeNull();
    expect(session.refreshDueIn()).toBeNull();
    expect(await session.restore()).toBe(true);
    expect(session.token()).toBe('access7');
    expect(session.refreshDueIn()).toBe(900_000 - 60_000);
    expect(await session.restore()).toBe(false); // no cookie (400): signed out
    expect(session.token()).toBeNull();
  });

  it('signs out when the cookie is refused', async () => {
    const post = vi.fn(async () => {
      throw refused(401);
    });
    const session = createSession({ post, storage: new MemoryStorage() as unknown as Storage, now: () => 10_000_000, locks: null, channel: null });
    session.signIn({ ...tokens(1), expires_in: 0 });
    const changed = vi.fn();
    session.subscribe(changed);
    expect(await session.refresh()).toBe(false);
    expect(session.token()).toBeNull();
    expect(changed).toHaveBeenCalled();
  });

  it('refreshes and signs out under the lock all tabs share, and tells the other tabs', async () => {
    const held: string[] = [];
    const locks = {
      request: vi.fn(async (name: string, work: () => Promise<unknown>) => {
        held.push(name);
        return work();
      }),
    } as unknown as LockManager;
    const [one, two] = channelPair();
    const postA = vi.fn(async () => tokens(2));
    const postB = vi.fn(async () => tokens(3));
    const a = createSession({ post: postA, storage: new MemoryStorage() as unknown as Storage, now: () => 0, locks, channel: one });
    const b = createSession({ post: postB, storage: new MemoryStorage() as unknown as Storage, now: () => 0, locks, channel: two });
    a.signIn(tokens(1));
    // The other tab trades the cookie for its own access token.
    await vi.waitFor(() => expect(b.token()).toBe('access3'));
    expect(postB).toHaveBeenCalledWith('/api/auth/refresh', {});
    await a.signOut();
    expect(a.token()).toBeNull();
    expect(b.token()).toBeNull();
    expect(postA).toHaveBeenCalledWith('/api/auth/logout', {});
    expect(held.every((name) => name === 'weft-session-refresh')).toBe(true);
    expect(held.length).toBe(2);
  });

  it('switches workspace with the cookie and remembers the workspace an account used last', async () => {
    const post = vi.fn(async () => ({ ...tokens(2), workspace: { id: 'ws_team', name: 'Team', role: 'editor' } }));
    const session = createSession({ post, storage: new MemoryStorage() as unknown as Storage, now: () => 0, locks: null, channel: null });
    expect(session.lastWorkspace('ada@example.com')).toBeNull();
    session.signIn(tokens(1));
    await session.switchWorkspace('ws_team');
    expect(post).toHaveBeenCalledWith('/api/auth/refresh', { workspace: 'ws_team' });
    expect(session.workspace()?.id).toBe('ws_team');
    await session.signOut();
    expect(session.token()).toBeNull();
    expect(session.lastWorkspace(' Ada@Example.com ')).toBe('ws_team');
    expect(session.lastWorkspace('bob@example.com')).toBeNull();
  });
});
