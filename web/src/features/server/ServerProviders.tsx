import { useAuth } from '../../app/AuthContext';
import { useApi } from '../../shared/api/ApiProvider';
import type { ProviderInput } from '../../shared/api/accountTypes';
import { useResource } from '../../shared/lib/useResource';
import { Table } from '../../shared/ui/Page';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { ProviderRows, toInput } from '../settings/ProviderRows';

/**
 * The server's LLM providers: the environment's (read-only, changed where
 * Weft runs) and those kept in the server's settings, which server admins
 * edit. Members of any workspace see them by name and kind only.
 */
export function ServerProviders() {
  const api = useApi();
  const { session } = useAuth();
  const toast = useToasts((s) => s.push);
  const list = useResource(() => api.listServerProviders(), 'server-providers');
  const workspace = session.workspace()?.name ?? 'your current workspace';

  let body;
  if (list.loading && !list.data) body = <LoadingState label="Loading server providers…" />;
  else if (list.error && !list.data) body = <ErrorState error={list.error} onRetry={list.reload} />;
  else {
    const all = list.data ?? [];
    const fromEnvironment = all.filter((p) => p.source === 'environment');
    const save = async (items: ProviderInput[]) => {
      list.setData(await api.saveServerProviders(items));
      toast({ kind: 'success', message: 'Server providers saved' });
    };
    body = (
      <>
        <h3 className="text-xs font-semibold text-muted">From the environment</h3>
        <p className="text-xs text-muted">
          Set where Weft runs (<code>OLLAMA_HOST</code>, <code>OPENAI_BASE_URL</code>, <code>OPENAI_API_KEY</code>); change them there.
        </p>
        <Table label="Providers from the environment" head={['Name', 'Kind', 'Base URL', 'API key']}>
          {fromEnvironment.map((p) => (
            <tr key={p.name}>
              <td className="px-5 py-2.5 font-medium">{p.name}</td>
              <td className="px-5 py-2.5 text-muted">{p.kind}</td>
              <td className="px-5 py-2.5 font-mono text-xs text-muted">{p.base_url}</td>
              <td className="px-5 py-2.5 text-muted">{p.has_api_key ? 'set' : '—'}</td>
            </tr>
          ))}
        </Table>
        <h3 className="mt-2 text-xs font-semibold text-muted">Set here</h3>
        <p className="text-xs text-muted">
          The API key is a Bearer token or API key credential of your current workspace ({workspace}), picked by name; its value stays in the
          vault. Like the environment&apos;s, these addresses are trusted for LLM calls, loopback and private ones included.
        </p>
        <ProviderRows
          label="Server providers set here"
          saved={all.filter((p) => p.source === 'settings').map(toInput)}
          editable
          empty="None yet."
          onSave={save}
        />
      </>
    );
  }

  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold">Server LLM providers</h2>
      <p className="text-xs text-muted">
        Every workspace&apos;s blocks can use these by name; members see only their names and kinds. A workspace&apos;s own provider of the
        same name wins in that workspace.
      </p>
      {body}
    </section>
  );
}
