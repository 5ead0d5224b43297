import { useState } from 'react';
import { useAuth } from '../../app/AuthContext';
import { useCan, useRole } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { AddedMember, Member, Role } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { grantableRoles, roleAtLeast } from '../../shared/auth/permissions';
import { useResource } from '../../shared/lib/useResource';
import { Button, IconButton } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { Page, Table } from '../../shared/ui/Page';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { AddMemberDialog } from './AddMemberDialog';
import { Invites } from './Invites';

/** The server does not say whether the address had an account, so neither do we. */
function addedMessage({ email, role }: AddedMember, created: boolean): string {
  return created
    ? `${email} is a member as ${role} now, or, if that address had an account already, is invited and joins on accepting.`
    : `${email} is invited as ${role} and joins on accepting, after signing in.`;
}

/** Who belongs to the workspace and with which role (admins change it, up to their own role). */
export function MembersPage() {
  const api = useApi();
  const { session } = useAuth();
  const toast = useToasts((s) => s.push);
  const manage = useCan('manage');
  const myRole = useRole();
  const roles = grantableRoles(myRole);
  const list = useResource(() => api.listMembers(), 'members');
  const [adding, setAdding] = useState(false);
  // Bumped when an invitation is made here, so that the invite list shows it.
  const [invited, setInvited] = useState(0);
  const [removing, setRemoving] = useState<Member | null>(null);
  const me = session.user()?.id;
  // Not your own row (the list never changed it), nor anyone above you: the server refuses an admin changing an owner.
  const editable = (m: Member) => manage && m.user_id !== me && roleAtLeast(myRole, m.role);

  const setRole = (m: Member, role: Role) =>
    api
      .setMemberRole(m.user_id, role)
      .then(() => {
        toast({ kind: 'success', message: `${m.email} is now ${role}` });
        list.reload();
      })
      .catch((e: unknown) => toast({ kind: 'error', message: errorText(e) }));

  let body;
  if (list.loading && !list.data) body = <LoadingState label="Loading members…" />;
  else if (list.error && !list.data) body = <ErrorState error={list.error} onRetry={list.reload} />;
  else {
    body = (
      <Table label="Members" head={['Member', 'Role', '']}>
        {(list.data ?? []).map((m) => (
          <tr key={m.user_id} data-testid={`member-${m.email}`}>
            <td className="px-5 py-2.5">
              <div className="font-medium">
                {m.name || m.email}
                {m.user_id === me ? <span className="ml-1.5 text-xs font-normal text-muted">(you)</span> : null}
              </div>
              <div className="text-xs text-muted">{m.email}</div>
            </td>
            <td className="w-40 px-5 py-2.5">
              {editable(m) ? (
                <select
                  aria-label={`Role of ${m.email}`}
                  value={m.role}
                  onChange={(e) => void setRole(m, e.target.value as Role)}
                  className="h-8 rounded-lg border border-line bg-surface px-2 text-sm"
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="text-muted">{m.role}</span>
              )}
            </td>
            <td className="w-14 px-3 py-2.5 text-right">
              {editable(m) ? <IconButton icon="trash" label={`Remove ${m.email}`} onClick={() => setRemoving(m)} /> : null}
            </td>
          </tr>
        ))}
      </Table>
    );
  }

  return (
    <Page
      title="Members"
      description={
        manage
          ? 'Viewers read and run; editors also build; admins also manage members, keys, credentials and settings.'
          : `Viewers read and run; editors also build; admins also manage members, keys, credentials and settings. Your role is ${myRole}.`
      }
      action={
        manage ? (
          <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
            Add member
          </Button>
        ) : null
      }
    >
      {body}
      {manage ? <Invites version={invited} /> : null}
      {adding ? (
        <AddMemberDialog
          onClose={() => setAdding(false)}
          onAdded={(added, created) => {
            setAdding(false);
            toast({ kind: 'success', message: addedMessage(added, created) });
            list.reload();
            setInvited((n) => n + 1);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title="Remove member?"
          confirmLabel="Remove"
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() =>
            void api
              .removeMember(removing.user_id)
              .then(() => list.reload())
              .catch((e: unknown) => toast({ kind: 'error', message: errorText(e) }))
              .finally(() => setRemoving(null))
          }
        >
          <strong className="text-fg">{removing.email}</strong> loses access to this workspace. Their account stays.
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
