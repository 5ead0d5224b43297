import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cn } from '../lib/cn';

/** The look of a text input on settings pages and dialogs; disabled ones look it. */
export const kFieldInput =
  'h-9 w-full rounded-lg border border-line bg-surface px-3 text-sm font-normal text-fg outline-none placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-muted';

/**
 * A labelled input with an optional hint under it, and the field's error
 * under that. The label names the input alone; the hint and the error
 * describe it (`aria-describedby`), and an error marks it invalid, so a
 * screen reader reads the error with the field.
 */
export function TextField({
  label,
  hint,
  error,
  className,
  id,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string | null }) {
  const made = useId();
  const inputId = id ?? made;
  const described = [hint ? `${inputId}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={cn('flex flex-col gap-1 text-xs font-medium', className)}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        className={cn(kFieldInput, error && 'border-danger')}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {hint ? (
        <span id={`${inputId}-hint`} className="font-normal text-muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${inputId}-error`} className="font-normal text-danger" data-problem>
          {error}
        </span>
      ) : null}
    </div>
  );
}
