import { useState } from 'react';
import { useCan, useRole } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errorText';
import { grouped, readNumber, type NumberBounds } from '../../shared/lib/boundedNumber';
import { useResource } from '../../shared/lib/useResource';
import { Button } from '../../shared/ui/Button';
import { Spinner } from '../../shared/ui/Spinner';
import { TextField } from '../../shared/ui/TextField';
import { useToasts } from '../../shared/ui/toast.store';

/** The bounds `PUT /api/settings/runs` takes for `run_concurrency` (null: no limit). */
export const kWorkspaceRuns: NumberBounds = { min: 1, max: 10_000 };

/** A refusal's message for the field: the 422's own word on `/run_concurrency`, else the whole answer. */
function fieldError(error: unknown): string {
  const detail = error instanceof ApiError ? error.details.find((d) => d.pointer === '/run_concurrency') : undefined;
  return detail ? detail.message : errorText(error);
}

/**
 * How many runs of the whole workspace may go at once, every pipeline
 * together; the rest wait in line. Owners and admins change it, everyone
 * else reads it.
 */
export function RunsSection() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const manage = useCan('manage');
  const role = useRole();
  const saved = useResource(() => api.getRunSettings(), 'run-settings');
  // What is typed; null shows what the server has.
  const [typed, setTyped] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const limit = saved.data?.run_concurrency ?? null;
  const text = typed ?? (limit === null ? '' : String(limit));
  const entry = readNumber(text, kWorkspaceRuns);
  const save = async () => {
    if (entry.kind === 'invalid') return;
    setBusy(true);
    setRefusal(null);
    try {
      saved.setData(await api.saveRunSettings({ run_concurrency: entry.kind === 'number' ? entry.value : null }));
      setTyped(null);
      toast({ kind: 'success', message: 'Run limit saved' });
    } catch (e) {
      setRefusal(fieldError(e));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (saved.loading && !saved.data) {
    body = (
      <p className="flex items-center gap-2 text-xs text-muted" aria-busy="true">
        <Spinner size={14} /> Loading the run limit…
      </p>
    );
  } else if (saved.error && !saved.data) {
    body = (
      <div role="alert" className="flex items-center gap-2 text-xs text-danger">
        Could not load the run limit: {saved.error.message}
        <Button size="sm" icon="refresh" onClick={saved.reload}>
          Try again
        </Button>
      </div>
    );
  } else if (!manage) {
    body = (
      <p className="text-sm" data-testid="workspace-run-limit">
        Runs at once in this workspace: <span className="font-medium">{limit === null ? 'no limit' : grouped(limit)}</span>.{' '}
        <span className="text-xs text-muted">Owners and admins change this. Your role is {role ?? 'none'}.</span>
      </p>
    );
  } else {
    body = (
      <form
        className="flex items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField
          label="Runs at once in this workspace"
          className="max-w-md flex-1"
          inputMode="numeric"
          placeholder="No limit"
          value={text}
          onChange={(e) => {
            setTyped(e.target.value);
            setRefusal(null);
          }}
          hint={`Every pipeline together, ${kWorkspaceRuns.min} to ${grouped(kWorkspaceRuns.max)}; the rest wait in line. Empty: no limit.`}
          error={entry.kind === 'invalid' ? entry.error : refusal}
        />
        <Button type="submit" variant="primary" icon="save" className="mt-5" busy={busy} disabled={entry.kind === 'invalid'}>
          Save
        </Button>
      </form>
    );
  }

  return (
    <section className="flex flex-col gap-2" aria-label="Runs">
      <h2 className="text-sm font-semibold">Runs</h2>
      <p className="text-xs text-muted">
        A limit for the whole workspace, on top of each pipeline&apos;s own (its Settings in the editor). Waiting runs start in order of
        their pipeline&apos;s priority, first come first served within one.
      </p>
      {body}
    </section>
  );
}
