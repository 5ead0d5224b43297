import { useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { Credential, CredentialKind } from '../../shared/api/accountTypes';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { kFieldInput } from '../../shared/ui/TextField';
import { CredentialFields } from './CredentialForm';
import { credentialData, missingFields } from './credentialData';
import { useSubmit } from '../../shared/lib/useSubmit';
import { FormError } from '../../shared/ui/FormError';

/** Creates a credential (pick a kind, fill its form) or edits one (empty fields keep their value). */
export function CredentialDialog({
  kinds,
  editing,
  onClose,
  onSaved,
}: {
  kinds: CredentialKind[];
  editing?: Credential;
  onClose: () => void;
  onSaved: (credential: Credential) => void;
}) {
  const api = useApi();
  const [name, setName] = useState(editing?.name ?? '');
  const [kindName, setKindName] = useState(editing?.kind ?? kinds[0]?.kind ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const { busy, error, run } = useSubmit();
  const kind = kinds.find((k) => k.kind === kindName);
  const missing = kind ? missingFields(kind.schema, values, Boolean(editing)) : [];

  const save = async () => {
    if (!kind) return;
    const data = credentialData(kind.schema, values);
    await run(async () => {
      const saved = editing
        ? await api.updateCredential(editing.id, { name, ...(Object.keys(data).length > 0 ? { data } : {}) })
        : await api.createCredential({ name, kind: kind.kind, data });
      onSaved(saved);
    });
  };

  return (
    <Dialog
      title={editing ? `Edit ${editing.name}` : 'New credential'}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!name.trim() || !kind || missing.length > 0} onClick={() => void save()}>
            {editing ? 'Save' : 'Create'}
          </Button>
        </>
      }
    >
      <form
        aria-label={editing ? 'Edit credential' : 'New credential'}
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="flex flex-col gap-1 text-xs font-medium">
          Name
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="GitHub token" className={kFieldInput} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Kind
          <select
            value={kindName}
            disabled={Boolean(editing)}
            onChange={(e) => {
              setKindName(e.target.value);
              setValues({});
            }}
            className={kFieldInput}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.title}
              </option>
            ))}
          </select>
        </label>
        {editing ? (
          <p className="rounded-lg bg-surface-2 px-3 py-2 text-xs text-muted" data-testid="keep-note">
            Saved values are never shown. Leave a field empty to keep its saved value; type a new one to replace it.
          </p>
        ) : null}
        {kind ? (
          <CredentialFields kind={kind} values={values} saved={editing ? editing.fields : null} onChange={(n, v) => setValues((all) => ({ ...all, [n]: v }))} />
        ) : null}
        <FormError message={error} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
