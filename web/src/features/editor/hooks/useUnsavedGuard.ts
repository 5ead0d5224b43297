import { useEffect } from 'react';
import { setNavigationGuard } from '../../../app/router';

/** Warns before leaving the page (reload, close, in-app link) while there are unpublished changes. */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const remove = setNavigationGuard(() => window.confirm('You have unpublished changes. Leave without publishing? (The draft is kept in this browser.)'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      remove();
    };
  }, [dirty]);
}
