import { useSyncExternalStore } from 'react';

/**
 * A tiny history router: the path is the state, `navigate` changes it, and
 * `useLocation` re-renders on change. The server answers every non-API path
 * with index.html, so deep links and reloads work.
 */
const listeners = new Set<() => void>();
let guard: (() => boolean) | null = null;

function notify() {
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', notify);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query, e.g. `/executions?status=failed`. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * A page with unsaved work sets a guard; it is asked before in-app navigation
 * and may refuse it (return false). Returns the function that removes it.
 */
export function setNavigationGuard(check: () => boolean): () => void {
  guard = check;
  return () => {
    if (guard === check) {
      guard = null;
    }
  };
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (to === snapshot()) {
    return;
  }
  if (!options.force && guard && !guard()) {
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  notify();
}

/** Matches `/pipelines/:id` against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const pathname = path.split('?')[0] ?? '';
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      params[w.slice(1)] = decodeURIComponent(h);
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** Query parameters of the current location. */
export function useQuery(): URLSearchParams {
  const location = useLocation();
  return new URLSearchParams(location.split('?')[1] ?? '');
}
