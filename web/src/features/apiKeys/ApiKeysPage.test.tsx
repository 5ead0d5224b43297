import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKey } from '../../shared/api/accountTypes';
import { FakeApi } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { ApiKeysPage } from './ApiKeysPage';

const key: ApiKey = {
  id: 'key_1',
  name: 'ci',
  prefix: 'abcd',
  scope: 'run',
  pipeline_id: null,
  created_at: '2026-01-02T03:04:05Z',
  last_used_at: null,
  revoked_at: null,
};

function page(role: string) {
  const listApiKeys = vi.fn(() => Promise.resolve([key]));
  render(
    <FakeApi api={{ listApiKeys }}>
      <FakeAuth role={role}>
        <ApiKeysPage />
      </FakeAuth>
    </FakeApi>,
  );
  return listApiKeys;
}

describe('ApiKeysPage', () => {
  it('tells an editor that admins manage keys, and asks the server nothing', () => {
    const listApiKeys = page('editor');
    expect(screen.getByText('Admins manage API keys')).toBeTruthy();
    expect(screen.getByText(/yours is editor/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New API key' })).toBeNull();
    expect(listApiKeys).not.toHaveBeenCalled();
  });

  it('lets an admin make and revoke keys', async () => {
    page('admin');
    await screen.findByTestId('api-key-ci');
    expect(screen.getByRole('button', { name: 'New API key' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke ci' })).toBeTruthy();
  });
});
