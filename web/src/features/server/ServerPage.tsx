import { useServerAdmin } from '../../app/useServerAdmin';
import { Page } from '../../shared/ui/Page';
import { EmptyState, LoadingState } from '../../shared/ui/States';
import { ServerProviders } from './ServerProviders';
import { ServerSettingsForm } from './ServerSettingsForm';

/**
 * What the whole server shares, for server admins only: the LLM providers
 * every workspace can use, sign-up and the metrics token. Anyone else is
 * told whose page it is (the server refuses them these calls anyway).
 */
export function ServerPage() {
  const serverAdmin = useServerAdmin();
  if (serverAdmin === null) return <LoadingState label="Loading…" />;
  if (!serverAdmin) {
    return (
      <EmptyState icon="lock" title="Server admins only">
        The server&apos;s providers and settings are managed by its server admins. The first account is one; an operator makes more with{' '}
        <code className="whitespace-nowrap">weft user create --server-admin</code>.
      </EmptyState>
    );
  }
  return (
    <Page title="Server" description="Shared by every workspace on this server; only server admins see this page.">
      <ServerProviders />
      <ServerSettingsForm />
    </Page>
  );
}
