import { Link } from '../../app/Link';
import { useCan, useRole } from '../../app/useCan';
import { useServerAdmin } from '../../app/useServerAdmin';
import { useApi } from '../../shared/api/ApiProvider';
import type { Provider, ProviderInput, WorkspaceProvider } from '../../shared/api/accountTypes';
import { useResource } from '../../shared/lib/useResource';
import { Page, Table } from '../../shared/ui/Page';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { useToasts } from '../../shared/ui/toast.store';
import { ProviderRows, toInput } from './ProviderRows';
import { RunsSection } from './RunsSection';

const isOwn = (p: Provider): p is WorkspaceProvider => p.source === 'workspace';

/**
 * The workspace's settings. LLM providers on two levels: this workspace's
 * own (its owners and admins edit them; only its members see them) and the
 * server's, shared by every workspace and shown by name and kind only. A
 * block's provider name is looked up here first, then on the server. Then
 * the workspace's run limit.
 */
export function ProvidersPage() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const manage = useCan('manage');
  const role = useRole();
  const serverAdmin = useServerAdmin();
  const list = useResource(() => api.listProviders(), 'providers');

  if (list.loading && !list.data) return <LoadingState label="Loading providers…" />;
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.reload} />;

  const own = (list.data ?? []).filter(isOwn);
  const shared = (list.data ?? []).filter((p) => !isOwn(p));
  const ownNames = new Set(own.map((p) => p.name));
  const save = async (items: ProviderInput[]) => {
    list.setData(await api.saveProviders(items));
    toast({ kind: 'success', message: 'Providers saved' });
  };

  return (
    <Page
      title="Settings"
      description="Language model providers for the LLM blocks (Ollama and any OpenAI-compatible server), and how many runs go at once."
    >
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">This workspace&apos;s providers</h2>
        <p className="text-xs text-muted">
          Seen and used only in this workspace; one named like a server provider replaces it here. The API key is a Bearer token or API key
          credential of this workspace, picked by name; its value stays in the vault.
        </p>
        <p className="text-xs text-muted" data-testid="address-note">
          Loopback and private addresses (<code>127.0.0.1</code>, <code>10.…</code>, <code>192.168.…</code>) are refused unless the server&apos;s
          operator allows them with <code>WEFT_ALLOW_NETWORKS</code>.
        </p>
        {manage ? null : (
          <p className="text-xs text-muted">Owners and admins add, change and remove these providers. Your role is {role ?? 'none'}.</p>
        )}
        <ProviderRows
          label="This workspace's providers"
          saved={own.map(toInput)}
          editable={manage}
          empty="None yet: blocks use the server's providers."
          onSave={save}
        />
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">Server providers</h2>
        <p className="text-xs text-muted">
          Shared by every workspace on this server, from its environment or set by a server admin; where they point is not shown here.
          {serverAdmin ? (
            <>
              {' '}
              You are a server admin: change them on the{' '}
              <Link to="/server" className="text-accent hover:underline">
                Server page
              </Link>
              .
            </>
          ) : null}
        </p>
        <Table label="Server providers" head={['Name', 'Kind', '']}>
          {shared.map((p) => (
            <tr key={p.name}>
              <td className="px-5 py-2.5 font-medium">{p.name}</td>
              <td className="px-5 py-2.5 text-muted">{p.kind}</td>
              <td className="px-5 py-2.5 text-xs text-muted">{ownNames.has(p.name) ? `This workspace's ${p.name} is used instead.` : ''}</td>
            </tr>
          ))}
        </Table>
        {shared.length === 0 ? <p className="text-xs text-muted">The server has none.</p> : null}
      </section>
      <RunsSection />
    </Page>
  );
}
