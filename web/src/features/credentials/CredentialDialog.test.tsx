import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Credential, CredentialKind } from '../../shared/api/accountTypes';
import { FakeApi } from '../../test/fakeApi';
import { CredentialDialog } from './CredentialDialog';
import { credentialData } from './credentialData';

const kinds: CredentialKind[] = [
  {
    kind: 'basic',
    title: 'Basic auth',
    schema: {
      type: 'object',
      required: ['username', 'password'],
      properties: {
        username: { type: 'string', title: 'User name' },
        password: { type: 'string', title: 'Password', 'x-weft-secret': true },
      },
    },
  },
];
const stored: Credential = { id: 'cred_1', name: 'Shop', kind: 'basic', fields: ['username', 'password'], created_at: '', updated_at: '' };

describe('CredentialDialog', () => {
  it('makes secret fields password inputs and sends what was typed on create', async () => {
    const createCredential = vi.fn((body: object) => Promise.resolve({ ...stored, ...body }));
    const onSaved = vi.fn();
    render(
      <FakeApi api={{ createCredential }}>
        <CredentialDialog kinds={kinds} onClose={() => {}} onSaved={onSaved} />
      </FakeApi>,
    );
    const password = document.getElementById('credential-field-password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect((document.getElementById('credential-field-username') as HTMLInputElement).type).toBe('text');
    const create = screen.getByRole('button', { name: 'Create' });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Shop' } });
    fireEvent.change(document.getElementById('credential-field-username')!, { target: { value: 'ada' } });
    expect((create as HTMLButtonElement).disabled).toBe(true); // the password is required
    fireEvent.change(password, { target: { value: 's3cret' } });
    fireEvent.click(create);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(createCredential).toHaveBeenCalledWith({ name: 'Shop', kind: 'basic', data: { username: 'ada', password: 's3cret' } });
  });

  it('edits with every field empty, says empty keeps, and leaves empty fields out', async () => {
    const updateCredential = vi.fn(() => Promise.resolve(stored));
    render(
      <FakeApi api={{ updateCredential }}>
        <CredentialDialog kinds={kinds} editing={stored} onClose={() => {}} onSaved={() => {}} />
      </FakeApi>,
    );
    const password = document.getElementById('credential-field-password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.placeholder).toMatch(/leave empty to keep/);
    expect(screen.getByTestId('keep-note').textContent).toMatch(/Leave a field empty to keep/);
    fireEvent.change(password, { target: { value: 'rotated' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateCredential).toHaveBeenCalledWith('cred_1', { name: 'Shop', data: { password: 'rotated' } }));
  });

  it('sends no data at all when only the name changes', async () => {
    const updateCredential = vi.fn(() => Promise.resolve(stored));
    render(
      <FakeApi api={{ updateCredential }}>
        <CredentialDialog kinds={kinds} editing={stored} onClose={() => {}} onSaved={() => {}} />
      </FakeApi>,
    );
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Shop 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateCredential).toHaveBeenCalledWith('cred_1', { name: 'Shop 2' }));
  });
});

describe('credentialData', () => {
  it('types numbers and parses header lines', () => {
    const schema = {
      properties: { port: { type: 'integer' }, headers: { type: 'object' }, host: { type: 'string' } },
    };
    expect(credentialData(schema, { port: '587', headers: 'X-A: 1\nbad line\nX-B: two: parts', host: ' ' })).toEqual({
      port: 587,
      headers: { 'X-A': '1', 'X-B': 'two: parts' },
    });
  });
});
