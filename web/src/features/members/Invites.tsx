import { useState } from 'react';
import { useRole } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { Invite, Role } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { grantableRoles } from '../../shared/auth/permissions';
import { formatDateTime } from '../../shared/lib/format';
import { useResource } from '../../shared/lib/useResource';
import { Button, IconButton } from '../../shared/ui/Button';
import { CopyButton } from '../../shared/ui/CopyButton';
import { kFieldInput } from '../../shared/ui/TextField';
import { useToasts } from '../../shared/ui/toast.store';

/**
 * Invite links: make one for a role (optionally bound to an email), copy it
 * once, withdraw open ones; the list also holds the invitations of members
 * added by email. A new `version` reloads it.
 */
export function Invites({ version = 0 }: { version?: number }) {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  // An invite never makes an owner, nor a role above the inviter's.
  const roles = grantableRoles(useRole()).filter((r) => r !== 'owner');
  const list = useResource(() => api.listInvites(), `invites#${version}`);
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [made, setMade] = useState<Invite | null>(null);
  const [busy, setBusy] = useState(false);
  const link = made?.path ? `${window.location.origin}${made.path}` : '';

  const create = async () => {
    setBusy(true);
    try {
      setMade(await api.createInvite(email ? { role, email } : { role }));
      setEmail('');
      list.reload();
    } catch (e) {
      toast({ kind: 'error', message: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="flex flex-col gap-3" aria-label="Invite links">
      <h2 className="text-sm font-semibold">Invite links</h2>
      <div className="flex flex-wrap items-end gap-2 rounded-2xl border border-line bg-surface p-4 shadow-card">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Role
          <select aria-label="Invite role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={`${kFieldInput} w-32`}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-1 flex-col gap-1 text-xs font-medium">
          Only for this email (optional)
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={kFieldInput} />
        </label>
        <Button variant="primary" icon="link" busy={busy} onClick={() => void create()}>
          Create invite link
        </Button>
        {made ? (
          <div className="flex w-full items-center gap-2 rounded-lg bg-accent-soft px-3 py-2" data-testid="invite-link">
            <code className="min-w-0 flex-1 truncate font-mono text-xs">{link}</code>
            <CopyButton text={link} label="Copy link" />
            <span className="text-[11px] text-muted">Shown once: copy it now.</span>
          </div>
        ) : null}
      </div>
      {(list.data ?? []).length > 0 ? (
        <ul className="divide-y divide-line rounded-2xl border border-line bg-surface text-sm shadow-card">
          {(list.data ?? []).map((i) => (
            <li key={i.id} className="flex items-center gap-3 px-5 py-2">
              <span className="font-medium">{i.role}</span>
              <span className="flex-1 text-muted">{i.email ?? 'anyone with the link'}</span>
              <span className="text-xs text-muted">expires {formatDateTime(i.expires_at)}</span>
              <IconButton
                icon="trash"
                label={`Withdraw invite ${i.id}`}
                onClick={() =>
                  void api
                    .deleteInvite(i.id)
                    .then(() => {
                      toast({ kind: 'success', message: 'Invite withdrawn' });
                      list.reload();
                    })
                    .catch((e: unknown) => toast({ kind: 'error', message: errorText(e) }))
                }
              />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
