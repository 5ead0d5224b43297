import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ProviderInput, ServerProvider } from '../../shared/api/accountTypes';
import type { WeftApi } from '../../shared/api/weftApi';
import { FakeApi, fakeMe } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { ServerPage } from './ServerPage';

const fromEnvironment: ServerProvider = { name: 'ollama', kind: 'ollama', base_url: 'http://127.0.0.1:11434', credential: '', has_api_key: false, source: 'environment' };
const gpu: ServerProvider = { name: 'gpu-box', kind: 'ollama', base_url: 'http://10.0.0.7:11434', credential: '', has_api_key: false, source: 'settings' };

function page(serverAdmin: boolean, api: Partial<WeftApi> = {}) {
  const all: Partial<WeftApi> = {
    me: () => Promise.resolve(fakeMe({ serverAdmin })),
    listServerProviders: vi.fn(() => Promise.resolve([fromEnvironment, gpu])),
    getServerSettings: vi.fn(() => Promise.resolve({ allow_signup: false, metrics_token_set: false })),
    listCredentials: () => Promise.resolve([]),
    credentialKinds: () => Promise.resolve([]),
    ...api,
  };
  render(
    <FakeApi api={all}>
      <FakeAuth role="viewer">
        <ServerPage />
      </FakeAuth>
    </FakeApi>,
  );
  return all;
}

describe('ServerPage', () => {
  it('tells someone who is not a server admin whose page it is, and asks the server nothing', async () => {
    const api = page(false);
    await screen.findByText('Server admins only');
    expect(api.listServerProviders).not.toHaveBeenCalled();
    expect(api.getServerSettings).not.toHaveBeenCalled();
  });

  it("shows the environment's providers read-only and saves those set here", async () => {
    const saveServerProviders = vi.fn((items: ProviderInput[]) =>
      Promise.resolve([fromEnvironment, ...items.map((i): ServerProvider => ({ ...i, credential: '', has_api_key: false, source: 'settings' }))]),
    );
    page(true, { saveServerProviders });
    const environment = await screen.findByRole('table', { name: 'Providers from the environment' });
    expect(within(environment).getAllByRole('cell').map((c) => c.textContent)).toEqual(['ollama', 'ollama', 'http://127.0.0.1:11434', '—']);
    const here = screen.getByRole('region', { name: 'Server providers set here' });
    expect((within(here).getByLabelText('Base URL') as HTMLInputElement).value).toBe('http://10.0.0.7:11434');
    expect(screen.getByText(/credential of your current workspace \(Research\)/)).toBeTruthy();
    fireEvent.click(within(here).getByRole('button', { name: 'Add provider' }));
    fireEvent.change(within(here).getAllByLabelText('Name')[1]!, { target: { value: 'stub' } });
    fireEvent.change(within(here).getAllByLabelText('Kind')[1]!, { target: { value: 'ollama' } });
    fireEvent.change(within(here).getAllByLabelText('Base URL')[1]!, { target: { value: 'http://127.0.0.1:9000' } });
    fireEvent.click(within(here).getByRole('button', { name: 'Save providers' }));
    await waitFor(() => expect(saveServerProviders).toHaveBeenCalledTimes(1));
    expect(saveServerProviders.mock.calls[0]?.[0]).toEqual([
      { name: 'gpu-box', kind: 'ollama', base_url: 'http://10.0.0.7:11434' },
      { name: 'stub', kind: 'ollama', base_url: 'http://127.0.0.1:9000' },
    ]);
  });

  it("shows the server's refusal when the providers cannot be read", async () => {
    page(true, { listServerProviders: () => Promise.reject(new Error('only server admins may do this')) });
    expect((await screen.findByRole('alert')).textContent).toContain('only server admins may do this');
  });
});
