import { useEffect } from 'react';
import { setNavigationGuard } from '../../../app/router';

/** Warns before leaving the page (reload, close, in-app link) while there are unsaved changes. */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const remove = setNavigationGuard(() => window.confirm('You have unsaved changes. Leave without saving?'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      remove();
    };
  }, [dirty]);
}
