import { Link } from '../../app/Link';
import type { Trigger } from '../../shared/api/triggerTypes';
import { formatDateTime, formatRelative } from '../../shared/lib/format';

/**
 * What a saved trigger has done: its last fire and run, its last error, how
 * often, and a link to all its runs. The server counts schedule fires and
 * form submissions; webhook deliveries are counted only as the runs they
 * started (writing the trigger on every delivery would cost each one a commit).
 */
export function TriggerStatus({ trigger }: { trigger: Trigger }) {
  const count = trigger.fire_count ?? 0;
  const counted = trigger.kind !== 'webhook';
  const noun = trigger.kind === 'form' ? 'submission' : trigger.kind === 'webhook' ? 'delivery' : 'run';
  const plural = noun === 'delivery' ? 'deliveries' : `${noun}s`;
  const runs = `/executions?pipeline=${encodeURIComponent(trigger.pipeline_id)}&trigger=${trigger.kind}&trigger_id=${encodeURIComponent(trigger.id)}`;
  return (
    <div className="flex flex-col gap-1 text-xs text-muted" data-testid="trigger-status">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {counted ? (
        <span>
          {trigger.last_fired_at ? (
            <>
              Last fired <span title={formatDateTime(trigger.last_fired_at)}>{formatRelative(trigger.last_fired_at)}</span>
            </>
          ) : (
            'Not fired yet'
          )}
        </span>
        ) : null}
        {trigger.last_execution_id ? (
          <Link to={`/executions/${encodeURIComponent(trigger.last_execution_id)}`} className="font-mono text-accent hover:underline">
            {trigger.last_execution_id}
          </Link>
        ) : null}
        {counted ? (
        <span data-testid="fire-count">
          {count} {count === 1 ? noun : plural}
          {trigger.kind === 'form' && trigger.config && 'max_submissions' in trigger.config && trigger.config.max_submissions
            ? ` of ${trigger.config.max_submissions}`
            : ''}
        </span>
        ) : null}
        <Link to={runs} className="text-accent hover:underline">
          All runs of this {trigger.kind}
        </Link>
      </div>
      {trigger.last_error ? (
        <p className="rounded-md bg-danger-soft px-2 py-1 text-danger" data-testid="trigger-error">
          Last error: {trigger.last_error}
        </p>
      ) : null}
    </div>
  );
}
