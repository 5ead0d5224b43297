import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Invitation, Me } from '../shared/api/accountTypes';
import type { Session } from '../shared/auth/session';
import { FakeApi } from '../test/fakeApi';
import { fakeSession as signedIn } from '../test/fakeAuth';
import { AccountMenu } from './AccountMenu';
import { AuthContext } from './AuthContext';

const me: Me = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
  workspace: { id: 'w1', name: 'Research', role: 'admin' },
  workspaces: [
    { id: 'w1', name: 'Research', role: 'admin' },
    { id: 'w2', name: 'Shop', role: 'viewer' },
  ],
};

const invitation: Invitation = {
  id: 'inv1',
  workspace_id: 'w3',
  workspace_name: 'Lab',
  role: 'editor',
  invited_by: 'Bo',
  created_at: '2026-01-01T00:00:00Z',
  expires_at: '2026-01-08T00:00:00Z',
};

/** Ada, admin of Research (`me`). */
const fakeSession = (): Session => signedIn('admin');

function open(session: Session, api = {}) {
  render(
    <FakeApi api={{ me: () => Promise.resolve(me), listInvitations: () => Promise.resolve([]), ...api }}>
      <AuthContext.Provider value={{ mode: 'auth', session }}>
        <AccountMenu />
      </AuthContext.Provider>
    </FakeApi>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Account' }));
}

describe('AccountMenu', () => {
  it('shows who is signed in, the workspace and the role', async () => {
    open(fakeSession());
    expect(screen.getByTestId('account-name').textContent).toBe('Ada');
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(screen.getByTestId('account-workspace').textContent).toBe('Research');
    expect(screen.getByText('admin')).toBeTruthy();
    await screen.findByRole('menuitem', { name: /Shop/ });
  });

  it('switches workspace through the session', async () => {
    const session = fakeSession();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    open(session);
    fireEvent.click(await screen.findByRole('menuitem', { name: /Shop/ }));
    await waitFor(() => expect(session.switchWorkspace).toHaveBeenCalledWith('w2'));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/'));
    vi.unstubAllGlobals();
  });

  it('shows an invitation beside the rail; accepting switches into its workspace', async () => {
    const session = fakeSession();
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const acceptInvitation = vi.fn(() => Promise.resolve({ id: 'w3', name: 'Lab', role: 'editor' as const }));
    open(session, { listInvitations: () => Promise.resolve([invitation]), acceptInvitation });
    const card = await screen.findByRole('region', { name: 'Invitations' });
    expect(card.textContent).toContain('Bo invited you to Lab as editor.');
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(session.switchWorkspace).toHaveBeenCalledWith('w3'));
    expect(acceptInvitation).toHaveBeenCalledWith('inv1');
    await waitFor(() => expect(assign).toHaveBeenCalledWith('/'));
    vi.unstubAllGlobals();
  });

  it('declines an invitation, which then leaves', async () => {
    const session = fakeSession();
    const declineInvitation = vi.fn(() => Promise.resolve(null));
    open(session, { listInvitations: () => Promise.resolve([invitation]), declineInvitation });
    fireEvent.click(await screen.findByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Invitations' })).toBeNull());
    expect(declineInvitation).toHaveBeenCalledWith('inv1');
    expect(session.switchWorkspace).not.toHaveBeenCalled();
  });

  it('shows no invitations card when there are none', async () => {
    const listInvitations = vi.fn(() => Promise.resolve([]));
    open(fakeSession(), { listInvitations });
    await waitFor(() => expect(listInvitations).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Invitations' })).toBeNull();
  });

  it('signs out', () => {
    const session = fakeSession();
    open(session);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    expect(session.signOut).toHaveBeenCalled();
  });

  it('changes the password and keeps the new session', async () => {
    const session = fakeSession();
    const tokens = { access_token: 'a2', refresh_token: 'r2', expires_in: 900, user: me.user, workspace: me.workspace };
    const changePassword = vi.fn(() => Promise.resolve(tokens));
    open(session, { changePassword });
    fireEvent.click(screen.getByRole('menuitem', { name: 'Change password' }));
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(screen.getAllByLabelText(/^New password/)[0]!, { target: { value: 'new-password-1' } });
    fireEvent.change(screen.getByLabelText('New password again'), { target: { value: 'new-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(session.signIn).toHaveBeenCalledWith(tokens));
    expect(changePassword).toHaveBeenCalledWith('old-password', 'new-password-1');
  });
});
