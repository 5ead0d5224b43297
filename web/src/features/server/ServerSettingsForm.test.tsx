import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ServerSettings, ServerSettingsInput } from '../../shared/api/accountTypes';
import { ApiError } from '../../shared/api/client';
import type { WeftApi } from '../../shared/api/weftApi';
import { FakeApi } from '../../test/fakeApi';
import { ServerSettingsForm } from './ServerSettingsForm';

/** A server that keeps the settings and, like the real one, never shows the token back. */
function fakeServer(initial: ServerSettings, refusal?: ApiError) {
  let state = initial;
  const saveServerSettings = vi.fn((body: ServerSettingsInput): ReturnType<WeftApi['saveServerSettings']> => {
    if (refusal) return Promise.reject(refusal);
    state = {
      allow_signup: body.allow_signup ?? state.allow_signup,
      metrics_token_set: body.metrics_token === undefined ? state.metrics_token_set : body.metrics_token !== null,
    };
    return Promise.resolve(state);
  });
  render(
    <FakeApi api={{ getServerSettings: () => Promise.resolve(state), saveServerSettings }}>
      <ServerSettingsForm />
    </FakeApi>,
  );
  return saveServerSettings;
}

describe('ServerSettingsForm', () => {
  it('opens and closes sign-up', async () => {
    const save = fakeServer({ allow_signup: false, metrics_token_set: false });
    const toggle = await screen.findByRole('switch', { name: 'Open sign-up' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(save).toHaveBeenLastCalledWith({ allow_signup: true });
    expect(screen.getByText(/Anyone who reaches this server can create an account/)).toBeTruthy();
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(save).toHaveBeenLastCalledWith({ allow_signup: false });
  });

  it('sets a metrics token write-only, says how Prometheus sends it, and clears it', async () => {
    const save = fakeServer({ allow_signup: false, metrics_token_set: false });
    const state = await screen.findByTestId('metrics-token-state');
    expect(state.textContent).toMatch(/None set/);
    expect(state.textContent).toContain('Authorization: Bearer <token> on GET /metrics');
    const field = screen.getByLabelText('Token') as HTMLInputElement;
    expect(field.type).toBe('password');
    const set = screen.getByRole('button', { name: 'Set token' }) as HTMLButtonElement;
    fireEvent.change(field, { target: { value: 'too-short' } });
    expect(set.disabled).toBe(true);
    const token = 'prometheus-scrapes-here-1234';
    fireEvent.change(field, { target: { value: token } });
    fireEvent.click(set);
    await waitFor(() => expect(screen.getByTestId('metrics-token-state').textContent).toMatch(/A token is set/));
    expect(save).toHaveBeenLastCalledWith({ metrics_token: token });
    // Shown nowhere afterwards, not even in the field.
    expect((screen.getByLabelText('New token') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain(token);
    fireEvent.click(screen.getByRole('button', { name: 'Clear token' }));
    await waitFor(() => expect(screen.getByTestId('metrics-token-state').textContent).toMatch(/None set/));
    expect(save).toHaveBeenLastCalledWith({ metrics_token: null });
    expect(screen.queryByRole('button', { name: 'Clear token' })).toBeNull();
  });

  it("shows the server's refusal and keeps the typed token for another try", async () => {
    fakeServer({ allow_signup: true, metrics_token_set: true }, new ApiError(403, 'forbidden', 'only server admins may change server settings', [], null));
    const field = (await screen.findByLabelText('New token')) as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'a-token-of-twenty-chars' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('only server admins may change server settings');
    expect(field.value).toBe('a-token-of-twenty-chars');
    expect(screen.getByTestId('metrics-token-state').textContent).toMatch(/A token is set/);
  });
});
