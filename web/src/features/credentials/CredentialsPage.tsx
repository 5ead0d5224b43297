import { useState } from 'react';
import { useCan } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { Credential } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { formatRelative } from '../../shared/lib/format';
import { useResource } from '../../shared/lib/useResource';
import { Button, IconButton } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { Page, Table } from '../../shared/ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { CredentialDialog } from './CredentialDialog';

type Pending = { kind: 'create' } | { kind: 'edit'; credential: Credential } | { kind: 'delete'; credential: Credential };

/** The workspace's credentials: names and kinds, never values; admins add, change and delete them. */
export function CredentialsPage() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const manage = useCan('manage');
  const list = useResource(() => Promise.all([api.listCredentials(), api.credentialKinds()]), 'credentials');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [credentials, kinds] = list.data ?? [[], []];
  const title = (kind: string) => kinds.find((k) => k.kind === kind)?.title ?? kind;

  let body;
  if (list.loading && !list.data) body = <LoadingState label="Loading credentials…" />;
  else if (list.error && !list.data) body = <ErrorState error={list.error} onRetry={list.reload} />;
  else if (credentials.length === 0) {
    body = (
      <EmptyState icon="key" title="No credentials yet">
        A credential holds an API key, token or password that blocks such as HTTP request use to sign their calls.
      </EmptyState>
    );
  } else {
    body = (
      <Table label="Credentials" head={['Name', 'Kind', 'Fields set', 'Updated', '']}>
        {credentials.map((c) => (
          <tr key={c.id} data-testid={`credential-${c.name}`}>
            <td className="px-5 py-2.5 font-medium">
              {c.name}
              <div className="font-mono text-[11px] font-normal text-faint">{c.id}</div>
            </td>
            <td className="px-5 py-2.5 text-muted">{title(c.kind)}</td>
            <td className="px-5 py-2.5 font-mono text-xs text-muted">{c.fields.join(', ') || '—'}</td>
            <td className="px-5 py-2.5 text-muted">{formatRelative(c.updated_at)}</td>
            <td className="w-24 px-3 py-2.5 text-right whitespace-nowrap">
              {manage ? (
                <>
                  <IconButton icon="edit" label={`Edit ${c.name}`} onClick={() => setPending({ kind: 'edit', credential: c })} />
                  <IconButton icon="trash" label={`Delete ${c.name}`} onClick={() => setPending({ kind: 'delete', credential: c })} />
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    );
  }

  const saved = (c: Credential, verb: string) => {
    setPending(null);
    toast({ kind: 'success', message: `${verb} ${c.name}` });
    list.reload();
  };

  return (
    <Page
      title="Credentials"
      description={
        manage
          ? 'Secrets for your blocks. Values are write-only: once saved, nobody can read them back, only replace them.'
          : 'Secrets for your blocks, picked by name in their settings. Admins add, change and delete them.'
      }
      action={
        manage ? (
          <Button variant="primary" icon="plus" onClick={() => setPending({ kind: 'create' })} disabled={kinds.length === 0}>
            New credential
          </Button>
        ) : null
      }
    >
      {body}
      {pending?.kind === 'create' ? <CredentialDialog kinds={kinds} onClose={() => setPending(null)} onSaved={(c) => saved(c, 'Created')} /> : null}
      {pending?.kind === 'edit' ? (
        <CredentialDialog kinds={kinds} editing={pending.credential} onClose={() => setPending(null)} onSaved={(c) => saved(c, 'Saved')} />
      ) : null}
      {pending?.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete credential?"
          confirmLabel="Delete"
          danger
          busy={busy}
          onCancel={() => {
            setPending(null);
            setError(null);
          }}
          onConfirm={() => {
            setBusy(true);
            api
              .deleteCredential(pending.credential.id)
              .then(() => saved(pending.credential, 'Deleted'))
              .catch((e: unknown) => setError(errorText(e)))
              .finally(() => setBusy(false));
          }}
        >
          <strong className="text-fg">{pending.credential.name}</strong> will be deleted. Blocks that use it will fail until
          they are given another one.
          {error ? <p className="mt-2 text-danger">{error}</p> : null}
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
