import { useState } from 'react';
import { useCan, useRole } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { ApiKey } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { formatRelative } from '../../shared/lib/format';
import { useResource } from '../../shared/lib/useResource';
import { Button, IconButton } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { Page, Table } from '../../shared/ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { NewKeyDialog } from './NewKeyDialog';

const kTitle = 'API keys';
const kDescription = 'Keys let scripts and other services call this workspace. Each is shown once, when it is made.';

/** The workspace's API keys for admins; everyone else is told who manages them (the server lists keys to admins only). */
export function ApiKeysPage() {
  const manage = useCan('manage');
  const role = useRole();
  if (!manage) {
    return (
      <Page title={kTitle} description={kDescription}>
        <EmptyState icon="lock" title="Admins manage API keys">
          Listing, making and revoking keys needs the admin role; yours is {role}. Ask an admin for a key: a pipeline's API
          tab shows the call that uses it.
        </EmptyState>
      </Page>
    );
  }
  return <ManagedApiKeys />;
}

/** Make a key (shown once), see when each was last used, revoke. */
function ManagedApiKeys() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const list = useResource(() => api.listApiKeys(), 'api-keys');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const keys = (list.data ?? []).filter((k) => !k.revoked_at);

  let body;
  if (list.loading && !list.data) body = <LoadingState label="Loading keys…" />;
  else if (list.error && !list.data) body = <ErrorState error={list.error} onRetry={list.reload} />;
  else if (keys.length === 0) {
    body = (
      <EmptyState icon="key" title="No API keys">
        A key lets a script or another service run your pipelines: <code>Authorization: Bearer wft_…</code>
      </EmptyState>
    );
  } else {
    body = (
      <Table label="API keys" head={['Name', 'Key', 'Scope', 'Pipeline', 'Last used', '']}>
        {keys.map((k) => (
          <tr key={k.id} data-testid={`api-key-${k.name}`}>
            <td className="px-5 py-2.5 font-medium">{k.name}</td>
            <td className="px-5 py-2.5 font-mono text-xs text-muted">wft_{k.prefix}_…</td>
            <td className="px-5 py-2.5 text-muted">{k.scope}</td>
            <td className="px-5 py-2.5 text-muted">{k.pipeline_id ?? 'any'}</td>
            <td className="px-5 py-2.5 text-muted">{k.last_used_at ? formatRelative(k.last_used_at) : 'never'}</td>
            <td className="w-14 px-3 py-2.5 text-right">
              <IconButton icon="trash" label={`Revoke ${k.name}`} onClick={() => setRevoking(k)} />
            </td>
          </tr>
        ))}
      </Table>
    );
  }

  return (
    <Page
      title={kTitle}
      description={kDescription}
      action={
        <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
          New API key
        </Button>
      }
    >
      {body}
      {creating ? <NewKeyDialog onClose={() => setCreating(false)} onCreated={() => list.reload()} /> : null}
      {revoking ? (
        <ConfirmDialog
          title="Revoke API key?"
          confirmLabel="Revoke"
          danger
          onCancel={() => setRevoking(null)}
          onConfirm={() =>
            void api
              .revokeApiKey(revoking.id)
              .then(() => {
                toast({ kind: 'success', message: `Revoked ${revoking.name}` });
                list.reload();
              })
              .catch((e: unknown) => toast({ kind: 'error', message: errorText(e) }))
              .finally(() => setRevoking(null))
          }
        >
          Calls that use <strong className="text-fg">{revoking.name}</strong> will be refused from now on. This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
