import { cn } from '../../shared/lib/cn';

/** A fire time in the schedule's own zone, e.g. "Mon, 8 Dec 2026, 09:00 CET"; the browser's zone when it does not know that one. */
export function formatFireTime(iso: string, timezone: string, seconds = false): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hour12: false,
    timeZoneName: 'short',
  };
  try {
    return new Date(iso).toLocaleString(undefined, { ...options, timeZone: timezone });
  } catch {
    return new Date(iso).toLocaleString(undefined, options);
  }
}

/** The next fire times of a schedule, or why there are none. */
export function FireTimes({
  times,
  timezone,
  loading,
  error,
  seconds,
  paused,
}: {
  times: string[] | null;
  timezone: string;
  loading?: boolean;
  error?: string | null;
  seconds?: boolean;
  paused?: boolean;
}) {
  let body;
  if (paused) {
    body = <p className="text-xs text-muted">Paused: nothing fires until it is resumed.</p>;
  } else if (error) {
    body = (
      <p role="alert" className="text-xs text-danger">
        {error}
      </p>
    );
  } else if (!times) {
    body = <p className="text-xs text-muted">{loading ? 'Working out the next runs…' : 'Fix the schedule to see when it runs.'}</p>;
  } else if (times.length === 0) {
    body = <p className="text-xs text-muted">This schedule never fires.</p>;
  } else {
    body = (
      <ol className={cn('flex flex-col gap-0.5 font-mono text-xs tabular-nums', loading && 'opacity-60')} data-testid="fire-times">
        {times.map((t) => (
          <li key={t} title={t}>
            {formatFireTime(t, timezone, seconds)}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <section aria-label="Next runs" aria-busy={loading || undefined} className="rounded-lg bg-surface-2 px-3 py-2">
      <h4 className="mb-1 text-[11px] font-semibold tracking-wider text-muted uppercase">Next runs</h4>
      {body}
    </section>
  );
}
