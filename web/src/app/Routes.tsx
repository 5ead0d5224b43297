import { lazy, Suspense } from 'react';
import { PipelinesPage } from '../features/pipelines/PipelinesPage';
import { CredentialsPage } from '../features/credentials/CredentialsPage';
import { MembersPage } from '../features/members/MembersPage';
import { ApiKeysPage } from '../features/apiKeys/ApiKeysPage';
import { ProvidersPage } from '../features/settings/ProvidersPage';
import { ExecutionsPage } from '../features/executions/ExecutionsPage';
import { ServerPage } from '../features/server/ServerPage';
import { EmptyState, LoadingState } from '../shared/ui/States';
import { Link } from './Link';
import { matchPath, useLocation } from './router';

const EditorPage = lazy(() => import('../features/editor/EditorPage'));
const ExecutionPage = lazy(() => import('../features/executions/ExecutionPage'));
const FormPage = lazy(() => import('../features/forms/FormPage'));

/**
 * The pages anyone may open without signing in, rendered outside the auth
 * gate and the app's frame: a pipeline shared as a form (`/f/:token`).
 * Null for every other path.
 */
export function publicPage(location: string) {
  const form = matchPath('/f/:token', location);
  if (!form) return null;
  return (
    <Suspense fallback={<LoadingState />}>
      <FormPage key={form.token} token={form.token ?? ''} />
    </Suspense>
  );
}

export function Routes() {
  const location = useLocation();
  let page;
  let params: Record<string, string> | null;
  if (matchPath('/', location)) {
    page = <PipelinesPage />;
  } else if ((params = matchPath('/pipelines/:id', location))) {
    page = <EditorPage key={params.id} pipelineId={params.id ?? ''} tab="canvas" />;
  } else if ((params = matchPath('/pipelines/:id/api', location))) {
    page = <EditorPage key={params.id} pipelineId={params.id ?? ''} tab="api" />;
  } else if ((params = matchPath('/pipelines/:id/triggers', location))) {
    page = <EditorPage key={params.id} pipelineId={params.id ?? ''} tab="triggers" />;
  } else if (matchPath('/credentials', location)) {
    page = <CredentialsPage />;
  } else if (matchPath('/members', location)) {
    page = <MembersPage />;
  } else if (matchPath('/api-keys', location)) {
    page = <ApiKeysPage />;
  } else if (matchPath('/settings', location)) {
    page = <ProvidersPage />;
  } else if (matchPath('/server', location)) {
    page = <ServerPage />;
  } else if (matchPath('/executions', location)) {
    page = <ExecutionsPage />;
  } else if ((params = matchPath('/executions/:id', location))) {
    page = <ExecutionPage key={params.id} executionId={params.id ?? ''} />;
  } else {
    page = (
      <EmptyState icon="search" title="Page not found" action={<Link className="text-accent hover:underline" to="/">Back to pipelines</Link>}>
        Nothing lives at {location}.
      </EmptyState>
    );
  }
  return <Suspense fallback={<LoadingState />}>{page}</Suspense>;
}
