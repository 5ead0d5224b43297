import type { ReactNode } from 'react';
import { Icon } from '../shared/ui/Icon';
import { cn } from '../shared/lib/cn';
import { AccountMenu } from './AccountMenu';
import { Link } from './Link';
import { Logo } from './Logo';
import { useLocation } from './router';
import { useServerAdmin } from './useServerAdmin';

const items = [
  { to: '/', label: 'Pipelines', icon: 'workflow', match: (p: string) => p === '/' || p.startsWith('/pipelines') },
  { to: '/executions', label: 'Executions', icon: 'activity', match: (p: string) => p.startsWith('/executions') },
  { to: '/members', label: 'Members', icon: 'users', match: (p: string) => p.startsWith('/members') },
  { to: '/api-keys', label: 'API keys', icon: 'key', match: (p: string) => p.startsWith('/api-keys') },
  { to: '/credentials', label: 'Credentials', icon: 'lock', match: (p: string) => p.startsWith('/credentials') },
  { to: '/settings', label: 'Settings', icon: 'settings', match: (p: string) => p.startsWith('/settings') },
];
/** Only for server admins: what every workspace shares. */
const serverItem = { to: '/server', label: 'Server', icon: 'database', match: (p: string) => p.startsWith('/server') };

/** The frame of every page: a slim navigation rail and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const location = useLocation();
  const serverAdmin = useServerAdmin();
  return (
    <div className="flex h-full">
      <nav aria-label="Main" className="flex w-16 shrink-0 flex-col items-center gap-1 border-r border-line bg-surface py-3">
        <Link to="/" aria-label="Weft home" className="mb-3 rounded-xl">
          <Logo />
        </Link>
        {(serverAdmin ? [...items, serverItem] : items).map((item) => {
          const active = item.match(location.split('?')[0] ?? '/');
          return (
            <Link
              key={item.to}
              to={item.to}
              aria-current={active ? 'page' : undefined}
              title={item.label}
              className={cn(
                'group flex w-14 flex-col items-center gap-0.5 rounded-lg py-1.5 text-[10px] font-medium transition',
                active ? 'bg-accent-soft text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg',
              )}
            >
              <Icon name={item.icon} size={18} />
              {item.label}
            </Link>
          );
        })}
        <span className="flex-1" />
        <AccountMenu />
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
