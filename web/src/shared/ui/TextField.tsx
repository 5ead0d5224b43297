import type { InputHTMLAttributes, ReactNode } from 'react';
import { cn } from '../lib/cn';

/** The look of a text input on settings pages and dialogs; disabled ones look it. */
export const kFieldInput =
  'h-9 w-full rounded-lg border border-line bg-surface px-3 text-sm font-normal text-fg outline-none placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-muted';

/** A labelled input with an optional hint under it. */
export function TextField({
  label,
  hint,
  className,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode }) {
  return (
    <label className={cn('flex flex-col gap-1 text-xs font-medium', className)}>
      {label}
      <input className={kFieldInput} {...rest} />
      {hint ? <span className="font-normal text-muted">{hint}</span> : null}
    </label>
  );
}
