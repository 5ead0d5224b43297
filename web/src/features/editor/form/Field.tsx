import type { ReactNode } from 'react';
import { cn } from '../../../shared/lib/cn';

/** Label, control, help text and problems of one form field. */
export function Field({
  id,
  label,
  required,
  description,
  problems,
  children,
  inline,
}: {
  id: string;
  label: string;
  required?: boolean;
  description?: string;
  problems: string[];
  children: ReactNode;
  inline?: boolean;
}) {
  return (
    <div className="flex flex-col gap-1" data-field={id}>
      <div className={cn('flex gap-2', inline ? 'items-center justify-between' : 'flex-col gap-1')}>
        <label htmlFor={id} className="text-xs font-medium text-fg">
          {label}
          {required ? <span className="ml-0.5 text-danger" aria-hidden="true">*</span> : null}
        </label>
        {children}
      </div>
      {description ? <p className="text-[11px] leading-4 text-muted">{description}</p> : null}
      {problems.map((p) => (
        <p key={p} role="alert" className="flex items-start gap-1 text-[11px] leading-4 text-danger" data-problem>
          {p}
        </p>
      ))}
    </div>
  );
}

/** Shared look of text inputs; disabled ones (a read-only canvas's) look it. */
export const inputClass = (invalid: boolean) =>
  cn(
    'w-full rounded-lg border bg-surface px-2.5 py-1.5 text-[13px] text-fg outline-none transition placeholder:text-faint',
    'focus:border-accent focus:ring-2 focus:ring-accent/20',
    'disabled:cursor-not-allowed disabled:resize-none disabled:bg-surface-2 disabled:text-muted',
    invalid ? 'border-danger' : 'border-line',
  );
