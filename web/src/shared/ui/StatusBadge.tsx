import { cn } from '../lib/cn';
import { Icon } from './Icon';

const styles: Record<string, { cls: string; icon: string; label: string }> = {
  running: { cls: 'bg-info-soft text-info', icon: 'refresh', label: 'Running' },
  queued: { cls: 'bg-surface-3 text-muted', icon: 'clock', label: 'Queued' },
  pending: { cls: 'bg-surface-3 text-muted', icon: 'clock', label: 'Pending' },
  succeeded: { cls: 'bg-success-soft text-success', icon: 'check', label: 'Succeeded' },
  failed: { cls: 'bg-danger-soft text-danger', icon: 'alert', label: 'Failed' },
  skipped: { cls: 'bg-surface-3 text-faint', icon: 'skip', label: 'Skipped' },
  cancelled: { cls: 'bg-warning-soft text-warning', icon: 'stop', label: 'Cancelled' },
  interrupted: { cls: 'bg-warning-soft text-warning', icon: 'stop', label: 'Interrupted' },
};

/**
 * A coloured pill for a run or node status. A queued run with a
 * `queuePosition` (its place in the workspace's queue) says it: "Queued · #3 in line".
 */
export function StatusBadge({
  status,
  className,
  compact,
  queuePosition,
}: {
  status: string;
  className?: string;
  compact?: boolean;
  queuePosition?: number | null;
}) {
  const style = styles[status] ?? { cls: 'bg-surface-3 text-muted', icon: 'dot', label: status };
  const place = status === 'queued' && queuePosition ? queuePosition : null;
  return (
    <span
      data-status={status}
      className={cn(
        'inline-flex items-center gap-1 rounded-full font-medium whitespace-nowrap',
        compact ? 'px-1.5 py-0.5 text-[10px]' : 'px-2 py-0.5 text-xs',
        style.cls,
        className,
      )}
    >
      <Icon name={style.icon} size={compact ? 10 : 12} className={status === 'running' ? 'animate-spin' : undefined} />
      {style.label}
      {place ? <span data-testid="queue-position" className="font-normal tabular-nums">· #{place} in line</span> : null}
    </span>
  );
}
