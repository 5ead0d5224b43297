import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Credential, Provider, ProviderInput } from '../../shared/api/accountTypes';
import { ApiError } from '../../shared/api/client';
import type { WeftApi } from '../../shared/api/weftApi';
import { FakeApi, fakeMe, fakeRunSettings } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { ProvidersPage } from './ProvidersPage';

const key: Credential = { id: 'cred_1', name: 'lab key', kind: 'bearer', fields: ['token'], created_at: '', updated_at: '' };
const lab: Provider = { name: 'lab', kind: 'openai', base_url: 'https://lab.example.com/v1', credential: 'cred_1', has_api_key: true, source: 'workspace' };
const listed: Provider[] = [lab, { name: 'ollama', kind: 'ollama', source: 'server' }, { name: 'lab', kind: 'openai', source: 'server' }];

function page({ role = 'owner', serverAdmin = false, api = {} }: { role?: string; serverAdmin?: boolean; api?: Partial<WeftApi> } = {}) {
  const all: Partial<WeftApi> = {
    listProviders: () => Promise.resolve(listed),
    me: () => Promise.resolve(fakeMe({ serverAdmin })),
    listCredentials: () => Promise.resolve([key]),
    credentialKinds: () => Promise.resolve([{ kind: 'bearer', title: 'Bearer token', schema: {} }]),
    ...fakeRunSettings(),
    ...api,
  };
  render(
    <FakeApi api={all}>
      <FakeAuth role={role}>
        <ProvidersPage />
      </FakeAuth>
    </FakeApi>,
  );
}

const region = () => screen.getByRole('region', { name: "This workspace's providers" });
const serverRows = async () => {
  const table = await screen.findByRole('table', { name: 'Server providers' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));
};

describe('ProvidersPage', () => {
  it("shows this workspace's providers and the server's by name and kind only", async () => {
    page();
    expect(await serverRows()).toEqual([
      ['ollama', 'ollama', ''],
      ['lab', 'openai', "This workspace's lab is used instead."],
    ]);
    expect((within(region()).getByLabelText('Base URL') as HTMLInputElement).value).toBe('https://lab.example.com/v1');
    await waitFor(() => expect((within(region()).getByLabelText('API key') as HTMLSelectElement).value).toBe('cred_1'));
    expect(screen.getByTestId('address-note').textContent).toMatch(/Loopback and private addresses .* WEFT_ALLOW_NETWORKS/);
  });

  it('lets an owner add a provider and saves the whole list, a credential only where one is picked', async () => {
    const saveProviders = vi.fn((items: ProviderInput[]) =>
      Promise.resolve([...items.map((i): Provider => ({ ...i, credential: i.credential ?? '', has_api_key: !!i.credential, source: 'workspace' })), listed[1]!]),
    );
    page({ api: { saveProviders } });
    await screen.findByRole('table', { name: 'Server providers' });
    fireEvent.click(screen.getByRole('button', { name: 'Add provider' }));
    const second = within(region()).getAllByLabelText('Name')[1]!;
    fireEvent.change(second, { target: { value: 'gpu' } });
    fireEvent.change(within(region()).getAllByLabelText('Kind')[1]!, { target: { value: 'ollama' } });
    fireEvent.change(within(region()).getAllByLabelText('Base URL')[1]!, { target: { value: 'http://gpu.example.com:11434' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save providers' }));
    await waitFor(() => expect(saveProviders).toHaveBeenCalled());
    expect(saveProviders.mock.calls[0]?.[0]).toEqual([
      { name: 'lab', kind: 'openai', base_url: 'https://lab.example.com/v1', credential: 'cred_1' },
      { name: 'gpu', kind: 'ollama', base_url: 'http://gpu.example.com:11434' },
    ]);
    // The answer replaces the list: lab is gone from the server's, so nothing is marked as replaced.
    await waitFor(async () => expect(await serverRows()).toEqual([['ollama', 'ollama', '']]));
  });

  it("marks the field a refusal names, with the server's message", async () => {
    const refused = new ApiError(422, 'invalid', 'providers not saved', [{ pointer: '/items/0/base_url', message: 'loopback address refused' }], null);
    page({ api: { saveProviders: () => Promise.reject(refused) } });
    await screen.findByRole('table', { name: 'Server providers' });
    fireEvent.change(within(region()).getByLabelText('Base URL'), { target: { value: 'http://127.0.0.1:11434' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save providers' }));
    expect((await screen.findByRole('alert')).textContent).toBe('providers not saved: /items/0/base_url loopback address refused');
    expect(within(region()).getByLabelText('Base URL').getAttribute('aria-invalid')).toBe('true');
    expect(within(region()).getByLabelText('Name').getAttribute('aria-invalid')).toBe('false');
    // The edit is kept for another try.
    expect((within(region()).getByLabelText('Base URL') as HTMLInputElement).value).toBe('http://127.0.0.1:11434');
  });

  it('shows an editor the providers read-only, and why', async () => {
    page({ role: 'editor' });
    await screen.findByRole('table', { name: 'Server providers' });
    expect(screen.getByText(/Owners and admins add, change and remove these providers. Your role is editor/)).toBeTruthy();
    expect((within(region()).getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Add provider' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save providers' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Remove / })).toBeNull();
  });

  it('points a server admin to the Server page, and no one else', async () => {
    page({ serverAdmin: true });
    expect((await screen.findByRole('link', { name: 'Server page' })).getAttribute('href')).toBe('/server');
  });

  it('offers no Server page to an owner who is not a server admin', async () => {
    const me = vi.fn(() => Promise.resolve(fakeMe({ serverAdmin: false })));
    page({ api: { me } });
    await screen.findByRole('table', { name: 'Server providers' });
    await waitFor(() => expect(me).toHaveBeenCalled());
    await act(() => new Promise((settle) => setTimeout(settle, 20)));
    expect(screen.queryByRole('link', { name: 'Server page' })).toBeNull();
  });
});
