import { useEffect, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errorText';

/** How long the preview waits after the last keystroke before asking the server. */
export const kPreviewDelayMs = 300;

export interface SchedulePreview {
  /** The next five fire times (ISO 8601); while a newer answer is awaited, the last ones (`loading`). Null after a failure. */
  times: string[] | null;
  /** The server's problems with the cron and the time zone. */
  cron: string[];
  timezone: string[];
  /** A failure that points at neither field (network, 500). */
  other: string | null;
  loading: boolean;
}

interface Answer {
  key: string;
  times: string[] | null;
  details: { pointer: string; message: string }[];
  other: string | null;
}

/**
 * The next fire times of a schedule as the user types it: asks
 * `POST /api/triggers/preview` `kPreviewDelayMs` after the last change, drops
 * answers to older text (aborts their requests), and sorts the server's
 * problems under the field each points at.
 *
 * Example: `const preview = useSchedulePreview(cron, timezone); preview.times?.map(…)`.
 */
export function useSchedulePreview(cron: string, timezone: string): SchedulePreview {
  const api = useApi();
  const key = `${cron}\u0000${timezone}`;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!cron.trim()) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .previewSchedule({ cron: cron.trim(), timezone }, abort.signal)
        .then((times) => setAnswer({ key, times, details: [], other: null }))
        .catch((e: unknown) => {
          if (abort.signal.aborted) return;
          const details = e instanceof ApiError ? e.details : [];
          const pointed = details.some((d) => d.pointer === '/config/cron' || d.pointer === '/config/timezone');
          setAnswer({ key, times: null, details, other: pointed ? null : errorText(e) });
        });
    }, kPreviewDelayMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, cron, timezone, key]);

  if (!cron.trim()) {
    return { times: null, cron: ['Enter a cron expression.'], timezone: [], other: null, loading: false };
  }
  const current = answer?.key === key ? answer : null;
  const at = (pointer: string) => (current?.details ?? []).filter((d) => d.pointer === pointer).map((d) => d.message);
  return {
    times: current ? current.times : (answer?.times ?? null),
    cron: at('/config/cron'),
    timezone: at('/config/timezone'),
    other: current?.other ?? null,
    loading: current === null,
  };
}
