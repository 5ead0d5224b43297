import { cn } from '../lib/cn';
import { Icon } from './Icon';

const kDots: Record<string, { cls: string; icon: string; label: string }> = {
  running: { cls: 'bg-info text-white', icon: 'refresh', label: 'Running' },
  succeeded: { cls: 'bg-success text-white', icon: 'check', label: 'Succeeded' },
  failed: { cls: 'bg-danger text-white', icon: 'x', label: 'Failed' },
  skipped: { cls: 'bg-surface-3 text-muted', icon: 'skip', label: 'Skipped' },
  cancelled: { cls: 'bg-warning text-white', icon: 'stop', label: 'Cancelled' },
  pending: { cls: 'bg-surface-3 text-muted', icon: 'clock', label: 'Pending' },
};

/** A small round status icon for tight places (node cards). */
export function StatusDot({ status }: { status: string }) {
  const dot = kDots[status] ?? { cls: 'bg-surface-3 text-muted', icon: 'dot', label: status };
  return (
    <span
      role="img"
      aria-label={dot.label}
      title={dot.label}
      data-status={status}
      className={cn('flex h-4 w-4 items-center justify-center rounded-full', dot.cls)}
    >
      <Icon name={dot.icon} size={10} className={status === 'running' ? 'animate-spin' : undefined} />
    </span>
  );
}
