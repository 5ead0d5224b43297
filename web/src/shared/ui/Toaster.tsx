import { useEffect } from 'react';
import { cn } from '../lib/cn';
import { Icon } from './Icon';
import { useToasts, type Toast } from './toast.store';

const kToastMs = 5000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    if (toast.action) {
      return;
    }
    const timer = setTimeout(() => dismiss(toast.id), kToastMs);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div
      role={toast.kind === 'error' ? 'alert' : 'status'}
      className={cn(
        'pointer-events-auto flex items-center gap-3 rounded-xl border border-line bg-surface px-4 py-3 text-sm shadow-pop',
      )}
    >
      <Icon
        name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'dot'}
        className={toast.kind === 'error' ? 'text-danger' : toast.kind === 'success' ? 'text-success' : 'text-info'}
      />
      <span className="max-w-md">{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          className="font-semibold text-accent hover:underline"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" className="text-faint hover:text-fg" onClick={() => dismiss(toast.id)}>
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}

export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div className="pointer-events-none fixed bottom-4 left-1/2 z-[60] flex -translate-x-1/2 flex-col items-center gap-2">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
