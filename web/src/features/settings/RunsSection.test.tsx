import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/accountTypes';
import { FakeApi, fakeRunSettings } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { RunsSection } from './RunsSection';

function section({ limit = null, role = 'owner', serverRole }: { limit?: number | null; role?: Role; serverRole?: Role } = {}) {
  const api = fakeRunSettings(limit, serverRole ?? role);
  render(
    <FakeApi api={api}>
      <FakeAuth role={role}>
        <RunsSection />
      </FakeAuth>
    </FakeApi>,
  );
  return api;
}

const field = () => screen.findByLabelText('Runs at once in this workspace') as Promise<HTMLInputElement>;
const save = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

describe('the workspace Runs section', () => {
  it('shows the limit and saves a new one, and empty for no limit', async () => {
    const api = section({ limit: 50 });
    const input = await field();
    await waitFor(() => expect(input.value).toBe('50'));
    fireEvent.change(input, { target: { value: '5' } });
    fireEvent.click(save());
    await waitFor(() => expect(api.saveRunSettings).toHaveBeenLastCalledWith({ run_concurrency: 5 }));
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(save());
    await waitFor(() => expect(api.saveRunSettings).toHaveBeenLastCalledWith({ run_concurrency: null }));
    expect(input.placeholder).toBe('No limit');
    expect(await api.getRunSettings()).toEqual({ run_concurrency: null });
  });

  it('marks a value out of range under the field and keeps Save off', async () => {
    const api = section();
    const input = await field();
    fireEvent.change(input, { target: { value: '10001' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toContain('Enter a whole number from 1 to 10,000.');
    expect(save().disabled).toBe(true);
    expect(api.saveRunSettings).not.toHaveBeenCalled();
  });

  it("shows the server's refusal under the field and keeps what was typed", async () => {
    // The session says admin, the server thinks otherwise (a role changed meanwhile).
    section({ role: 'admin', serverRole: 'editor' });
    const input = await field();
    fireEvent.change(input, { target: { value: '7' } });
    fireEvent.click(save());
    await waitFor(() => expect(description(input)).toContain('Your role (editor) may not manage in this workspace'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.value).toBe('7');
    // Typing again clears it.
    fireEvent.change(input, { target: { value: '8' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('gives the 422 its own words on the field', async () => {
    const api = section();
    api.saveRunSettings.mockImplementationOnce(() =>
      fakeRunSettings().saveRunSettings({ run_concurrency: 0.5 }),
    );
    const input = await field();
    fireEvent.change(input, { target: { value: '3' } });
    fireEvent.click(save());
    await waitFor(() => expect(description(input)).toContain('must be an integer from 1 to 10000, or null'));
  });

  it('tells an editor the limit, read-only, and who may change it', async () => {
    section({ limit: 12, role: 'editor' });
    const text = await screen.findByTestId('workspace-run-limit');
    expect(text.textContent).toBe('Runs at once in this workspace: 12. Owners and admins change this. Your role is editor.');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
