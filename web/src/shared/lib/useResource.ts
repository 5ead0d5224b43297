import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/**
 * Loads `fetcher()` when `key` changes; keeps the last data while reloading.
 * Example: `const { data, error, loading } = useResource(() => api.listPipelines(), 'pipelines')`.
 */
export function useResource<T>(fetcher: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error | null>(null);
  const [nonce, setNonce] = useState(0);
  const [settled, setSettled] = useState<string | null>(null);
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });
  const request = `${key}#${nonce}`;

  useEffect(() => {
    let live = true;
    fetcherRef
      .current()
      .then((value) => {
        if (live) {
          // A transition lets React render a large result (a 300-block canvas) in slices.
          startTransition(() => {
            setData(value);
            setError(null);
            setSettled(request);
          });
        }
      })
      .catch((e: unknown) => {
        if (live) {
          setError(e instanceof Error ? e : new Error(String(e)));
          setSettled(request);
        }
      });
    return () => {
      live = false;
    };
  }, [request]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading: settled !== request, reload, setData };
}
