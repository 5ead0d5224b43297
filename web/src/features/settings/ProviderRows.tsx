import { useState } from 'react';
import type { ProviderInput } from '../../shared/api/accountTypes';
import { ApiError } from '../../shared/api/client';
import { useSubmit } from '../../shared/lib/useSubmit';
import { Button, IconButton } from '../../shared/ui/Button';
import { FormError } from '../../shared/ui/FormError';
import { kFieldInput } from '../../shared/ui/TextField';
import { cn } from '../../shared/lib/cn';
import { CredentialPicker } from '../credentials/CredentialPicker';

const kKinds = ['ollama', 'openai'];

/** The body `PUT …/providers` takes: a credential only when one is picked. */
export function toInput(p: { name: string; kind: string; base_url: string; credential?: string }): ProviderInput {
  return { name: p.name, kind: p.kind, base_url: p.base_url, ...(p.credential ? { credential: p.credential } : {}) };
}

/** The pointers (`/items/0/base_url`) a 422 answer names, so those fields can be marked. */
function pointersOf(error: unknown): Set<string> {
  return new Set(error instanceof ApiError ? error.details.map((d) => d.pointer).filter(Boolean) : []);
}

/**
 * A list of providers edited as a whole and saved in one request: name,
 * kind, base URL and the credential whose token is the API key (picked from
 * the caller's current workspace). Without `editable` the rows are shown
 * disabled and nothing is offered. Used for a workspace's providers and for
 * the server's.
 */
export function ProviderRows({
  label,
  saved,
  editable,
  empty,
  onSave,
}: {
  /** Names the region and prefixes the fields' ids. */
  label: string;
  /** The rows as the server has them. */
  saved: ProviderInput[];
  editable: boolean;
  /** Shown when there are no rows. */
  empty: string;
  /** Saves the whole list; the editor shows `saved` again once it resolves. */
  onSave: (items: ProviderInput[]) => Promise<void>;
}) {
  // The rows being edited; null shows what the server has.
  const [edited, setEdited] = useState<ProviderInput[] | null>(null);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const { busy, error, run } = useSubmit();
  const rows = edited ?? saved;
  const setRows = (next: (all: ProviderInput[]) => ProviderInput[]) => setEdited(next(rows));
  const edit = (i: number, patch: Partial<ProviderInput>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const bad = (i: number, field: keyof ProviderInput) => invalid.has(`/items/${i}/${field}`);
  const idPrefix = label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

  const save = () =>
    run(async () => {
      setInvalid(new Set());
      try {
        await onSave(rows.map(toInput));
        setEdited(null);
      } catch (e) {
        setInvalid(pointersOf(e));
        throw e;
      }
    });

  return (
    <div role="region" aria-label={label} className="flex flex-col gap-2">
      {rows.length === 0 ? <p className="text-xs text-muted">{empty}</p> : null}
      {rows.map((r, i) => (
        <div key={i} className="grid grid-cols-[8rem_7rem_1fr_14rem_2rem] items-end gap-2 rounded-2xl border border-line bg-surface p-3 shadow-card">
          <label className="flex flex-col gap-1 text-xs font-medium">
            Name
            <input
              value={r.name}
              disabled={!editable}
              aria-invalid={bad(i, 'name')}
              onChange={(e) => edit(i, { name: e.target.value })}
              className={cn(kFieldInput, bad(i, 'name') && 'border-danger')}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            Kind
            <select
              value={r.kind}
              disabled={!editable}
              aria-invalid={bad(i, 'kind')}
              onChange={(e) => edit(i, { kind: e.target.value })}
              className={cn(kFieldInput, bad(i, 'kind') && 'border-danger')}
            >
              {kKinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">
            Base URL
            <input
              value={r.base_url}
              disabled={!editable}
              aria-invalid={bad(i, 'base_url')}
              placeholder={r.kind === 'ollama' ? 'http://gpu-box.lan:11434' : 'https://api.example.com/v1'}
              onChange={(e) => edit(i, { base_url: e.target.value })}
              className={cn(kFieldInput, bad(i, 'base_url') && 'border-danger')}
            />
          </label>
          <div className="flex flex-col gap-1 text-xs font-medium">
            <label htmlFor={`${idPrefix}-key-${i}`}>API key</label>
            <CredentialPicker
              id={`${idPrefix}-key-${i}`}
              value={r.credential ?? ''}
              invalid={bad(i, 'credential')}
              disabled={!editable}
              onChange={(v) => edit(i, { credential: v ?? '' })}
            />
          </div>
          {editable ? <IconButton icon="trash" label={`Remove ${r.name || 'provider'}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))} /> : null}
        </div>
      ))}
      <FormError message={error} />
      {editable ? (
        <div className="flex gap-2">
          <Button icon="plus" onClick={() => setRows((all) => [...all, { name: '', kind: 'openai', base_url: '' }])}>
            Add provider
          </Button>
          <Button variant="primary" icon="save" busy={busy} onClick={() => void save()}>
            Save providers
          </Button>
        </div>
      ) : null}
    </div>
  );
}
