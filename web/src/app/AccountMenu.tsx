import { useEffect, useRef, useState } from 'react';
import { useApi } from '../shared/api/ApiProvider';
import type { Me } from '../shared/api/accountTypes';
import { cn } from '../shared/lib/cn';
import { PendingInvitations } from '../features/members/PendingInvitations';
import { Icon } from '../shared/ui/Icon';
import { useToasts } from '../shared/ui/toast.store';
import { useAuth } from './AuthContext';
import { ChangePasswordDialog } from './ChangePasswordDialog';

const itemClass =
  'flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left text-sm outline-none hover:bg-surface-2 focus:bg-surface-2 disabled:opacity-50';

/**
 * Who is signed in, in which workspace and with which role; switches the
 * workspace, changes the password and signs out. Sits at the foot of the rail,
 * with the invitations waiting for an answer beside it.
 */
export function AccountMenu() {
  const { mode, session } = useAuth();
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const [open, setOpen] = useState(false);
  const [me, setMe] = useState<Me | null>(null);
  const [changing, setChanging] = useState(false);
  const [switching, setSwitching] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    api.me().then((answer) => live && setMe(answer)).catch(() => undefined);
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => {
      live = false;
      document.removeEventListener('mousedown', close);
    };
  }, [open, api]);

  const user = session.user();
  const workspace = session.workspace();
  if (mode !== 'auth' || !user) return null;
  const initial = (user.name || user.email).charAt(0).toUpperCase();
  const others = (me?.workspaces ?? []).filter((w) => w.id !== workspace?.id);

  const switchTo = async (id: string) => {
    setSwitching(id);
    try {
      await session.switchWorkspace(id);
      // Everything on screen belongs to the old workspace: start over from the list.
      window.location.assign('/');
    } catch (e) {
      toast({ kind: 'error', message: `Could not switch: ${(e as Error).message}` });
      setSwitching(null);
    }
  };

  return (
    <div ref={root} className="relative">
      <PendingInvitations />
      <button
        type="button"
        aria-label="Account"
        aria-haspopup="menu"
        aria-expanded={open}
        title={`${user.name || user.email} · ${workspace?.name ?? ''} (${workspace?.role ?? ''})`}
        onClick={() => setOpen(!open)}
        className={cn(
          'flex h-8 w-8 items-center justify-center rounded-full text-xs font-semibold transition',
          open ? 'bg-accent text-accent-fg' : 'bg-surface-3 hover:bg-accent-soft hover:text-accent',
        )}
      >
        {initial}
      </button>
      {open ? (
        <div
          role="menu"
          aria-label="Account"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          className="absolute bottom-0 left-11 z-40 w-64 rounded-xl border border-line bg-surface p-1 shadow-pop"
        >
          <div className="border-b border-line px-2.5 pt-1.5 pb-2.5">
            <div className="truncate text-sm font-semibold" data-testid="account-name">{user.name || user.email}</div>
            <div className="truncate text-xs text-muted">{user.email}</div>
            <div className="mt-2 flex items-center gap-1.5 text-xs">
              <span className="truncate font-medium" data-testid="account-workspace">{workspace?.name}</span>
              <span className="rounded-md bg-accent-soft px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-accent uppercase">
                {workspace?.role}
              </span>
            </div>
          </div>
          {others.length > 0 ? (
            <div className="border-b border-line py-1">
              <div className="px-2.5 py-1 text-[10px] font-semibold tracking-wider text-muted uppercase">Switch workspace</div>
              {others.map((w) => (
                <button key={w.id} type="button" role="menuitem" className={itemClass} disabled={switching !== null} onClick={() => void switchTo(w.id)}>
                  <Icon name={switching === w.id ? 'refresh' : 'box'} size={14} />
                  <span className="flex-1 truncate">{w.name}</span>
                  <span className="text-[10px] text-muted">{w.role}</span>
                </button>
              ))}
            </div>
          ) : null}
          <div className="pt-1">
            <button
              type="button"
              role="menuitem"
              className={itemClass}
              onClick={() => {
                setOpen(false);
                setChanging(true);
              }}
            >
              <Icon name="lock" size={14} /> Change password
            </button>
            <button type="button" role="menuitem" className={itemClass} onClick={() => void session.signOut()}>
              <Icon name="log-out" size={14} /> Sign out
            </button>
          </div>
        </div>
      ) : null}
      {changing ? (
        <ChangePasswordDialog
          onClose={() => setChanging(false)}
          onChanged={(tokens) => {
            session.signIn(tokens);
            setChanging(false);
            toast({ kind: 'success', message: 'Password changed. Other sessions were signed out.' });
          }}
        />
      ) : null}
    </div>
  );
}
