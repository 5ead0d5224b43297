import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../shared/api/accountTypes';
import { FakeApi, fakeMe } from '../test/fakeApi';
import { FakeAuth } from '../test/fakeAuth';
import { useServerAdmin } from './useServerAdmin';

/** As a server answers; without the flag, as an older one does. */
const me = (serverAdmin?: boolean): Me => {
  const answer = fakeMe({ serverAdmin });
  if (serverAdmin === undefined) delete answer.user.server_admin;
  return answer;
};

function wrapper(api: { me: () => Promise<Me> }, mode: 'auth' | 'open' = 'auth') {
  return ({ children }: { children: ReactNode }) => (
    <FakeApi api={api}>
      <FakeAuth role="owner" mode={mode}>
        {children}
      </FakeAuth>
    </FakeApi>
  );
}

describe('useServerAdmin', () => {
  it('is unknown while /api/me is asked, then what it says', async () => {
    const { result } = renderHook(useServerAdmin, { wrapper: wrapper({ me: () => Promise.resolve(me(true)) }) });
    expect(result.current).toBeNull();
    await waitFor(() => expect(result.current).toBe(true));
  });

  it('is false for an account without the flag, and on a server that does not know it', async () => {
    const plain = renderHook(useServerAdmin, { wrapper: wrapper({ me: () => Promise.resolve(me(false)) }) });
    await waitFor(() => expect(plain.result.current).toBe(false));
    const older = renderHook(useServerAdmin, { wrapper: wrapper({ me: () => Promise.resolve(me()) }) });
    await waitFor(() => expect(older.result.current).toBe(false));
  });

  it('is false when /api/me fails', async () => {
    const { result } = renderHook(useServerAdmin, { wrapper: wrapper({ me: () => Promise.reject(new Error('offline')) }) });
    await waitFor(() => expect(result.current).toBe(false));
  });

  it('asks nothing on a server without accounts', () => {
    const ask = vi.fn(() => Promise.resolve(me(true)));
    const { result } = renderHook(useServerAdmin, { wrapper: wrapper({ me: ask }, 'open') });
    expect(result.current).toBe(false);
    expect(ask).not.toHaveBeenCalled();
  });
});
