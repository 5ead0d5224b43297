import { useState } from 'react';
import { useCan } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import type { Provider } from '../../shared/api/accountTypes';
import { errorText } from '../../shared/api/errorText';
import { useResource } from '../../shared/lib/useResource';
import { Button, IconButton } from '../../shared/ui/Button';
import { Page, Table } from '../../shared/ui/Page';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { kFieldInput } from '../../shared/ui/TextField';
import { useToasts } from '../../shared/ui/toast.store';
import { CredentialPicker } from '../credentials/CredentialPicker';
import { FormError } from '../../shared/ui/FormError';

const kKinds = ['ollama', 'openai'];

/** LLM providers: those from the environment (read-only) and those kept in settings (admins edit). */
export function ProvidersPage() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const admin = useCan('manage');
  const list = useResource(() => api.listProviders(), 'providers');
  // The rows being edited; null shows what the server has.
  const [edited, setEdited] = useState<Provider[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rows = edited ?? (list.data ?? []).filter((p) => p.source === 'settings');
  const setRows = (next: (all: Provider[]) => Provider[]) => setEdited(next(rows));

  const fromEnvironment = (list.data ?? []).filter((p) => p.source !== 'settings');
  const edit = (i: number, patch: Partial<Provider>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const items = rows.map((r) => ({ name: r.name, kind: r.kind, base_url: r.base_url, ...(r.credential ? { credential: r.credential } : {}) }));
      list.setData(await api.saveProviders(items));
      setEdited(null);
      toast({ kind: 'success', message: 'Providers saved' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (list.loading && !list.data) return <LoadingState label="Loading providers…" />;
  if (list.error && !list.data) return <ErrorState error={list.error} onRetry={list.reload} />;

  return (
    <Page title="Settings" description="Language model providers for the LLM blocks: Ollama and any OpenAI-compatible server.">
      <section className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold">From the environment</h2>
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
      </section>
      <section className="flex flex-col gap-2" aria-label="Providers in settings">
        <h2 className="text-sm font-semibold">In settings</h2>
        <p className="text-xs text-muted">
          An API key is a Bearer token or API key credential, picked by name; its value stays in the vault.
          {admin ? '' : ' Admins add, change and remove these providers.'}
        </p>
        {rows.map((r, i) => (
          <div key={i} className="grid grid-cols-[8rem_7rem_1fr_14rem_2rem] items-end gap-2 rounded-2xl border border-line bg-surface p-3 shadow-card">
            <label className="flex flex-col gap-1 text-xs font-medium">
              Name
              <input value={r.name} disabled={!admin} onChange={(e) => edit(i, { name: e.target.value })} className={kFieldInput} />
            </label>
            <label className="flex flex-col gap-1 text-xs font-medium">
              Kind
              <select value={r.kind} disabled={!admin} onChange={(e) => edit(i, { kind: e.target.value })} className={kFieldInput}>
                {kKinds.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-xs font-medium">
              Base URL
              <input value={r.base_url} disabled={!admin} placeholder="http://127.0.0.1:8081/v1" onChange={(e) => edit(i, { base_url: e.target.value })} className={kFieldInput} />
            </label>
            <div className="flex flex-col gap-1 text-xs font-medium">
              <label htmlFor={`provider-key-${i}`}>API key</label>
              <CredentialPicker id={`provider-key-${i}`} value={r.credential ?? ''} invalid={false} disabled={!admin} onChange={(v) => edit(i, { credential: v ?? '' })} />
            </div>
            {admin ? <IconButton icon="trash" label={`Remove ${r.name || 'provider'}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))} /> : null}
          </div>
        ))}
        <FormError message={error} />
        {admin ? (
          <div className="flex gap-2">
            <Button icon="plus" onClick={() => setRows((all) => [...all, { name: '', kind: 'openai', base_url: '' }])}>
              Add provider
            </Button>
            <Button variant="primary" icon="save" busy={busy} onClick={() => void save()}>
              Save providers
            </Button>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
