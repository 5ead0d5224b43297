import type { ReactNode } from 'react';
import { Icon } from '../shared/ui/Icon';
import { cn } from '../shared/lib/cn';
import { Link } from './Link';
import { useLocation } from './router';

const items = [
  { to: '/', label: 'Pipelines', icon: 'workflow', match: (p: string) => p === '/' || p.startsWith('/pipelines') },
  { to: '/executions', label: 'Executions', icon: 'activity', match: (p: string) => p.startsWith('/executions') },
];

/** The frame of every page: a slim navigation rail and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <div className="flex h-full">
      <nav aria-label="Main" className="flex w-14 shrink-0 flex-col items-center gap-1 border-r border-line bg-surface py-3">
        <Link to="/" aria-label="Weft home" className="mb-3 flex h-9 w-9 items-center justify-center rounded-xl bg-accent text-accent-fg shadow-card">
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            <path d="M5 8h14M5 12h14M5 16h14" strokeOpacity="0.55" />
            <path d="M8 5v14M12 5v14M16 5v14" strokeDasharray="2.5 2" />
          </svg>
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
      </nav>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
