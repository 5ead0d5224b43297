import type { ReactNode } from 'react';
import { Icon } from '../shared/ui/Icon';
import { cn } from '../shared/lib/cn';
import { useAuth } from './AuthContext';
import { Link } from './Link';
import { Logo } from './Logo';
import { useLocation } from './router';

const items = [
  { to: '/', label: 'Pipelines', icon: 'workflow', match: (p: string) => p === '/' || p.startsWith('/pipelines') },
  { to: '/executions', label: 'Executions', icon: 'activity', match: (p: string) => p.startsWith('/executions') },
];

/** Who is signed in, and the way out. */
function UserBadge() {
  const { mode, session } = useAuth();
  const user = session.user();
  if (mode !== 'auth' || !user) return null;
  const initial = (user.name || user.email).charAt(0).toUpperCase();
  return (
    <div className="flex flex-col items-center gap-1">
      <span
        title={`${user.name || user.email} · ${session.workspace()?.name ?? ''} (${session.workspace()?.role ?? ''})`}
        className="flex h-8 w-8 items-center justify-center rounded-full bg-surface-3 text-xs font-semibold"
      >
        {initial}
      </span>
      <button
        type="button"
        onClick={() => void session.signOut()}
        className="rounded-md px-1 text-[10px] text-muted hover:bg-surface-2 hover:text-fg"
      >
        Sign out
      </button>
    </div>
  );
}

/** The frame of every page: a slim navigation rail and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <div className="flex h-full">
      <nav aria-label="Main" className="flex w-14 shrink-0 flex-col items-center gap-1 border-r border-line bg-surface py-3">
        <Link to="/" aria-label="Weft home" className="mb-3 rounded-xl">
          <Logo />
        </Link>
        {items.map((item) => {
          const active = item.match(location.split('?')[0] ?? '/');
          return (
            <Link
              key={item.to}
              to={item.to}
              aria-current={active ? 'page' : undefined}
              title={item.label}
              className={cn(
                'group flex w-12 flex-col items-center gap-0.5 rounded-lg py-1.5 text-[10px] font-medium transition',
                active ? 'bg-accent-soft text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg',
              )}
            >
              <Icon name={item.icon} size={18} />
              {item.label}
            </Link>
          );
        })}
        <span className="flex-1" />
        <UserBadge />
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
