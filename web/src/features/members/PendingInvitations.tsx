import { useEffect, useState } from 'react';
import { useAuth } from '../../app/AuthContext';
import { useApi } from '../../shared/api/ApiProvider';
import type { Invitation } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { Button, IconButton } from '../../shared/ui/Button';
import { useToasts } from '../../shared/ui/toast.store';

/**
 * Invitations to other workspaces waiting for the signed-in person's answer,
 * as a card beside the rail on every page: Accept joins and switches into
 * the workspace, Decline says no. Nobody joins a workspace without this.
 */
export function PendingInvitations() {
  const api = useApi();
  const { session } = useAuth();
  const toast = useToasts((s) => s.push);
  const [items, setItems] = useState<Invitation[]>([]);
  const [later, setLater] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .listInvitations()
      .then((found) => live && setItems(found))
      .catch(() => undefined); // a notice, not a page: nothing to show when it fails
    return () => {
      live = false;
    };
  }, [api]);

  if (items.length === 0 || later) return null;

  const answer = async (invitation: Invitation, accept: boolean) => {
    setBusy(invitation.id);
    try {
      if (accept) {
        const joined = await api.acceptInvitation(invitation.id);
        await session.switchWorkspace(joined.id);
        // Everything on screen belongs to the old workspace: start over from the list.
        window.location.assign('/');
        return;
      }
      await api.declineInvitation(invitation.id);
      setItems((all) => all.filter((i) => i.id !== invitation.id));
      toast({ kind: 'success', message: `Declined the invitation to ${invitation.workspace_name}` });
    } catch (e) {
      toast({ kind: 'error', message: errorText(e) });
    }
    setBusy(null);
  };

  return (
    <section
      aria-label="Invitations"
      className="fixed bottom-4 left-20 z-40 flex w-80 flex-col gap-2 rounded-xl border border-line bg-surface p-3 shadow-pop"
    >
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">{items.length === 1 ? 'An invitation' : `${items.length} invitations`}</h2>
        <IconButton icon="x" label="Not now" onClick={() => setLater(true)} />
      </div>
      <ul className="flex flex-col gap-2">
        {items.map((i) => (
          <li key={i.id} data-testid={`invitation-${i.workspace_id}`} className="flex flex-col gap-2 rounded-lg bg-surface-2 p-2.5 text-sm">
            <span>
              {i.invited_by} invited you to <strong>{i.workspace_name}</strong> as {i.role}.
            </span>
            <span className="flex gap-2">
              <Button size="sm" variant="primary" busy={busy === i.id} disabled={busy !== null} onClick={() => void answer(i, true)}>
                Accept
              </Button>
              <Button size="sm" disabled={busy !== null} onClick={() => void answer(i, false)}>
                Decline
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
