import { useState } from 'react';
import { useRole } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { AddedMember, Role } from '../../shared/api/accountTypes';
import { grantableRoles } from '../../shared/auth/permissions';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { kFieldInput, TextField } from '../../shared/ui/TextField';
import { useSubmit } from '../../shared/lib/useSubmit';
import { FormError } from '../../shared/ui/FormError';

/**
 * Invites an address with a role no higher than the caller's (its account
 * joins once it accepts), or creates an account with a password. The server
 * answers the same either way, so `onAdded` learns only what was asked.
 */
export function AddMemberDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (added: AddedMember, created: boolean) => void }) {
  const api = useApi();
  const roles = grantableRoles(useRole());
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [create, setCreate] = useState(false);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  const add = async () => {
    await run(async () => {
      onAdded(await api.addMember(create ? { email, role, name, password } : { email, role }), create);
    });
  };

  return (
    <Dialog
      title="Add a member"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!email.includes('@') || (create && password.length < 8)} onClick={() => void add()}>
            Add
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <TextField label="Email" type="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        <label className="flex flex-col gap-1 text-xs font-medium">
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} className={kFieldInput}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={create} onChange={(e) => setCreate(e.target.checked)} />
          Create a new account with a password
        </label>
        {create ? (
          <>
            <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} />
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint="At least 8 characters. Give it to them safely; they can change it from the account menu."
            />
          </>
        ) : (
          <p className="text-xs text-muted">
            They are invited and join once they accept, after signing in. Someone without an account needs one: create it here or send an invite link.
          </p>
        )}
        <FormError message={error} />
      </div>
    </Dialog>
  );
}
