import { useCallback, useState } from 'react';
import { errorText } from '../api/errorText';

export interface Submit {
  busy: boolean;
  /** The last failure as a readable sentence, or null. */
  error: string | null;
  /** Runs `work` once at a time, with `busy` set and the previous error cleared. */
  run: (work: () => Promise<void>) => Promise<void>;
}

/**
 * The state of a form's one submit action: busy while it runs, the server's
 * message when it fails. Example:
 * `const { busy, error, run } = useSubmit(); … onClick={() => void run(() => api.addMember(body))}`.
 */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
