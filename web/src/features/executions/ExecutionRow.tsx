import { memo } from 'react';
import { Link } from '../../app/Link';
import type { ExecutionSummary } from '../../shared/api/types';
import { formatDateTime, formatDuration, formatRelative } from '../../shared/lib/format';
import { StatusBadge } from '../../shared/ui/StatusBadge';
import { TriggerLabel } from './TriggerLabel';

export const ExecutionRow = memo(function ExecutionRow({
  execution,
  pipelineName,
}: {
  execution: ExecutionSummary;
  pipelineName: string | undefined;
}) {
  const to = `/executions/${encodeURIComponent(execution.id)}`;
  return (
    <tr data-execution={execution.id} className="border-b border-line last:border-0 hover:bg-surface-2/60">
      <td className="px-5 py-2.5">
        <StatusBadge status={execution.status} queuePosition={execution.queue_position} />
      </td>
      <td className="px-3 py-2.5">
        <Link to={to} className="font-medium hover:text-accent">
          {pipelineName ?? execution.pipeline_id}
        </Link>
        <span className="ml-1.5 text-xs text-faint">v{execution.pipeline_version}</span>
        {execution.retry_of ? <span className="ml-1.5 text-xs text-muted">retry</span> : null}
      </td>
      <td className="px-3 py-2.5">
        <TriggerLabel trigger={execution.trigger} />
      </td>
      <td className="px-3 py-2.5 text-xs text-muted" title={formatDateTime(execution.created_at)}>
        {formatRelative(execution.created_at)}
      </td>
      <td className="px-3 py-2.5 text-right text-xs text-muted tabular-nums">{formatDuration(execution.duration_ms)}</td>
      <td className="px-5 py-2.5">
        <Link to={to} className="font-mono text-xs text-muted hover:text-accent">
          {execution.id}
        </Link>
      </td>
    </tr>
  );
});
