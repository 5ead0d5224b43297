import { describe, expect, it, vi } from 'vitest';
import { createSession, kSessionKey, type SessionTokens } from './session';

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

const tokens = (n: number): SessionTokens => ({
  access_token: `access${n}`,
  expires_in: 900,
  refresh_token: `refresh${n}`,
  user: { id: 'u', email: 'ada@example.com', name: 'Ada' },
  workspace: { id: 'ws', name: 'Default', role: 'owner' },
});

describe('session', () => {
  it('stores a login, refreshes once for many callers, and rotates the refresh token', async () => {
    let clock = 0;
    const post = vi.fn(async (_path: string, body: object) => {
      expect(body).toEqual({ refresh_token: 'refresh1' });
      return tokens(2);
    });
    const storage = new MemoryStorage() as unknown as Storage;
    const session = createSession({ post, storage, now: () => clock, locks: null });
    session.signIn(tokens(1));
    expect(session.token()).toBe('access1');
    expect(await session.refresh()).toBe(true); // still fresh: no call
    expect(post).not.toHaveBeenCalled();
    clock = 900_000;
    const results = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(post).toHaveBeenCalledTimes(1);
    expect(session.token()).toBe('access2');
    expect(JSON.parse(storage.getItem(kSessionKey) ?? '{}').refresh).toBe('refresh2');
  });

  it('signs out when the refresh token is refused', async () => {
    const post = vi.fn(async () => {
      throw Object.assign(new Error('no'), { status: 401 });
    });
    const storage = new MemoryStorage() as unknown as Storage;
    const session = createSession({ post, storage, now: () => 10_000_000, locks: null });
    session.signIn({ ...tokens(1), expires_in: 0 });
    const changed = vi.fn();
    session.subscribe(changed);
    expect(await session.refresh()).toBe(false);
    expect(session.token()).toBeNull();
    expect(changed).toHaveBeenCalled();
  });

  it('remembers the workspace an account used last, after signing out too', async () => {
    const post = vi.fn(async () => tokens(2));
    const storage = new MemoryStorage() as unknown as Storage;
    const session = createSession({ post, storage, now: () => 0, locks: null });
    expect(session.lastWorkspace('ada@example.com')).toBeNull();
    session.signIn({ ...tokens(1), workspace: { id: 'ws_team', name: 'Team', role: 'editor' } });
    await session.signOut();
    expect(session.token()).toBeNull();
    expect(session.lastWorkspace(' Ada@Example.com ')).toBe('ws_team');
    expect(session.lastWorkspace('bob@example.com')).toBeNull();
  });
});
