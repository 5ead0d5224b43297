import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeSession, FakeAuth } from '../test/fakeAuth';
import { useCan, useRole } from './useCan';

const usePermissions = () => ({ role: useRole(), read: useCan('read'), run: useCan('run'), build: useCan('build'), manage: useCan('manage') });

describe('useCan', () => {
  it('lets a viewer read and run, not build or manage', () => {
    const { result } = renderHook(usePermissions, { wrapper: ({ children }: { children: ReactNode }) => <FakeAuth role="viewer">{children}</FakeAuth> });
    expect(result.current).toEqual({ role: 'viewer', read: true, run: true, build: false, manage: false });
  });

  it('lets an editor build, not manage', () => {
    const { result } = renderHook(usePermissions, { wrapper: ({ children }: { children: ReactNode }) => <FakeAuth role="editor">{children}</FakeAuth> });
    expect(result.current).toEqual({ role: 'editor', read: true, run: true, build: true, manage: false });
  });

  it('allows everything on a server without accounts', () => {
    const { result } = renderHook(usePermissions, {
      wrapper: ({ children }: { children: ReactNode }) => (
        <FakeAuth role="viewer" mode="open">
          {children}
        </FakeAuth>
      ),
    });
    expect(result.current).toEqual({ role: null, read: true, run: true, build: true, manage: true });
  });

  it('follows a role the session changes', () => {
    const session = fakeSession('viewer');
    const { result } = renderHook(usePermissions, {
      wrapper: ({ children }: { children: ReactNode }) => (
        <FakeAuth role="viewer" session={session}>
          {children}
        </FakeAuth>
      ),
    });
    expect(result.current.build).toBe(false);
    act(() => session.setRole('admin'));
    expect(result.current).toEqual({ role: 'admin', read: true, run: true, build: true, manage: true });
  });
});
