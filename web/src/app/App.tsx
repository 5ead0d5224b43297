import { ApiProvider } from '../shared/api/ApiProvider';
import { Toaster } from '../shared/ui/Toaster';
import { Layout } from './Layout';
import { Routes } from './Routes';
import { apiOptions } from './auth';

/** Providers and frame around the routed page. */
export function App() {
  return (
    <ApiProvider options={apiOptions}>
      <Layout>
        <Routes />
      </Layout>
      <Toaster />
    </ApiProvider>
  );
}
