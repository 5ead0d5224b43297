import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createHttpClient, type ClientOptions } from './client';
import { createWeftApi, type WeftApi } from './weftApi';
import { createRunSocket, type RunSocket } from './runSocket';

interface ApiContextValue {
  api: WeftApi;
  socket: RunSocket;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Provides the typed API client and the run-event socket to the app (tests may pass their own). */
export function ApiProvider({
  options,
  api,
  socket,
  children,
}: {
  options?: ClientOptions;
  api?: WeftApi;
  socket?: RunSocket;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({
      api: api ?? createWeftApi(createHttpClient(options)),
      socket: socket ?? createRunSocket({ url: socketUrl(), getToken: options?.getToken, refresh: options?.refresh }),
    }),
    [options, api, socket],
  );
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
  return `${scheme}${window.location.host}/api/ws`;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) {
    throw new Error('useApi must be used inside <ApiProvider>');
  }
  return value;
}

/** The typed REST client. Example: `const api = useApi(); api.listPipelines()`. */
export function useApi(): WeftApi {
  return useApiContext().api;
}

/** The shared WebSocket for live run events. */
export function useRunSocket(): RunSocket {
  return useApiContext().socket;
}
