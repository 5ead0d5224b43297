import { useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { ServerSettingsInput } from '../../shared/api/accountTypes';
import { useResource } from '../../shared/lib/useResource';
import { useSubmit } from '../../shared/lib/useSubmit';
import { Button } from '../../shared/ui/Button';
import { FormError } from '../../shared/ui/FormError';
import { ErrorState, LoadingState } from '../../shared/ui/States';
import { kFieldInput } from '../../shared/ui/TextField';
import { useToasts } from '../../shared/ui/toast.store';
import { Toggle } from '../editor/form/controls';

/** The server's bounds on a metrics token (`PUT /api/server/settings`). */
export const kMetricsToken = { min: 16, max: 200 };

/**
 * Server-wide settings: whether anyone may sign up, and the token Prometheus
 * presents to read `/metrics`. The token is write-only: once set, only the
 * fact that one is set is shown.
 */
export function ServerSettingsForm() {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const settings = useResource(() => api.getServerSettings(), 'server-settings');
  const { busy, error, run } = useSubmit();
  const [token, setToken] = useState('');

  const save = (body: ServerSettingsInput, done: string) =>
    run(async () => {
      settings.setData(await api.saveServerSettings(body));
      // Typed once, kept nowhere: not even in the field once the server has it.
      if (body.metrics_token !== undefined) setToken('');
      toast({ kind: 'success', message: done });
    });

  let body;
  if (settings.loading && !settings.data) body = <LoadingState label="Loading server settings…" />;
  else if (settings.error && !settings.data) body = <ErrorState error={settings.error} onRetry={settings.reload} />;
  else if (settings.data) {
    const { allow_signup: open, metrics_token_set: tokenSet } = settings.data;
    const tokenFits = token.length >= kMetricsToken.min && token.length <= kMetricsToken.max;
    body = (
      <div className="flex flex-col gap-4 rounded-2xl border border-line bg-surface p-4 shadow-card">
        <div className="flex items-center justify-between gap-4">
          <div>
            <label htmlFor="allow-signup" className="text-sm font-medium">
              Open sign-up
            </label>
            <p className="text-xs text-muted">
              {open
                ? 'Anyone who reaches this server can create an account (with a workspace of its own).'
                : 'Closed: accounts are made by invitation or by an operator (weft user create).'}
            </p>
          </div>
          <Toggle id="allow-signup" checked={open} onChange={(next) => void (busy ? undefined : save({ allow_signup: next }, next ? 'Sign-up opened' : 'Sign-up closed'))} />
        </div>
        <div className="flex flex-col gap-2 border-t border-line pt-4">
          <div className="text-sm font-medium">Metrics token</div>
          <p className="text-xs text-muted" data-testid="metrics-token-state">
            {tokenSet
              ? 'A token is set. It is never shown again; set a new one to replace it.'
              : 'None set: only server admins signed in can read /metrics.'}{' '}
            Prometheus sends it as <code>Authorization: Bearer &lt;token&gt;</code> on <code>GET /metrics</code> (in its scrape config:{' '}
            <code>authorization: {'{'} credentials: &lt;token&gt; {'}'}</code>).
          </p>
          <div className="flex items-end gap-2">
            <label className="flex flex-1 flex-col gap-1 text-xs font-medium">
              {tokenSet ? 'New token' : 'Token'}
              <input
                type="password"
                autoComplete="off"
                value={token}
                minLength={kMetricsToken.min}
                maxLength={kMetricsToken.max}
                placeholder={`${kMetricsToken.min} to ${kMetricsToken.max} characters`}
                onChange={(e) => setToken(e.target.value)}
                className={kFieldInput}
              />
            </label>
            <Button
              variant="primary"
              icon="key"
              busy={busy}
              disabled={!tokenFits}
              onClick={() => void save({ metrics_token: token }, 'Metrics token set')}
            >
              Set token
            </Button>
            {tokenSet ? (
              <Button icon="trash" disabled={busy} onClick={() => void save({ metrics_token: null }, 'Metrics token cleared')}>
                Clear token
              </Button>
            ) : null}
          </div>
        </div>
        <FormError message={error} />
      </div>
    );
  }

  return (
    <section className="flex flex-col gap-2" aria-label="Server settings">
      <h2 className="text-sm font-semibold">Server settings</h2>
      {body}
    </section>
  );
}
