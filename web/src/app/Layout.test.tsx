import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WeftApi } from '../shared/api/weftApi';
import { FakeApi, fakeMe } from '../test/fakeApi';
import { FakeAuth } from '../test/fakeAuth';
import { Layout } from './Layout';

/** `me` as given; whatever else the rail asks for is refused, so the test does not depend on it. */
function apiWith(me: WeftApi['me']): Partial<WeftApi> {
  return new Proxy({ me } as Partial<WeftApi>, {
    get: (target, name) => (name in target ? target[name as keyof WeftApi] : () => Promise.reject(new Error('not faked'))),
  });
}

function rail(serverAdmin: boolean) {
  render(
    <FakeApi api={apiWith(() => Promise.resolve(fakeMe({ serverAdmin })))}>
      <FakeAuth role="owner">
        <Layout>page</Layout>
      </FakeAuth>
    </FakeApi>,
  );
  return within(screen.getByRole('navigation', { name: 'Main' }));
}

describe('Layout', () => {
  it('offers the Server page to a server admin', async () => {
    const nav = rail(true);
    expect((await nav.findByRole('link', { name: 'Server' })).getAttribute('href')).toBe('/server');
  });

  it('offers it to no one else, owners included', async () => {
    const nav = rail(false);
    await waitFor(() => expect(nav.getByRole('link', { name: 'Settings' })).toBeTruthy());
    await act(() => new Promise((settle) => setTimeout(settle, 20)));
    expect(nav.queryByRole('link', { name: 'Server' })).toBeNull();
  });
});
