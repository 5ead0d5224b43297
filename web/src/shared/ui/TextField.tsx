import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cn } from '../lib/cn';

/** The look of a text input on settings pages and dialogs; disabled ones look it. */
export const kFieldInput =
  'h-9 w-full rounded-lg border border-line bg-surface px-3 text-sm font-normal text-fg outline-none placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-muted';

/**
 * A labelled input with an optional hint under it, and the field's error
 * under that: the input is then marked invalid and described by the error,
 * so a screen reader reads it with the label.
 */
export function TextField({
  label,
  hint,
  error,
  className,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string | null }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <label className={cn('flex flex-col gap-1 text-xs font-medium', className)}>
      {label}
      <input
        className={cn(kFieldInput, error && 'border-danger')}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {hint ? (
        <span id={`${id}-hint`} className="font-normal text-muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="font-normal text-danger" data-problem>
          {error}
        </span>
      ) : null}
    </label>
  );
}
