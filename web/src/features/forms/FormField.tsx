import type { PublicFormField } from '../../shared/api/triggerTypes';
import { cn } from '../../shared/lib/cn';
import { formatBytes } from '../../shared/ui/fileValue';
import { acceptAttribute, type FieldValue } from './formValues';

const kInput =
  'w-full rounded-lg border bg-surface px-3 py-2 text-base text-fg outline-none placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 sm:text-sm';

/** One field of a public form: label, help, the control for its kind, and its problem. */
export function FormField({
  field,
  value,
  problem,
  disabled,
  onChange,
}: {
  field: PublicFormField;
  value: FieldValue;
  problem?: string;
  disabled: boolean;
  onChange: (value: FieldValue) => void;
}) {
  const id = `field-${field.name}`;
  const limits = field.kind === 'file' && field.max_bytes ? `Up to ${formatBytes(field.max_bytes)}${field.multiple ? ' each' : ''}.` : '';
  const help = [field.description, limits].filter(Boolean).join(' ');
  const describedBy = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    required: field.required,
    disabled,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
  };
  const text = typeof value === 'string' ? value : '';
  const inputClass = cn(kInput, problem ? 'border-danger' : 'border-line');
  let control;
  switch (field.kind) {
    case 'long_text':
      control = <textarea {...common} rows={5} value={text} onChange={(e) => onChange(e.target.value)} className={inputClass} />;
      break;
    case 'json':
      control = <textarea {...common} rows={5} spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, 'font-mono text-sm')} />;
      break;
    case 'number':
      control = <input {...common} type="number" inputMode="decimal" step="any" value={text} onChange={(e) => onChange(e.target.value)} className={inputClass} />;
      break;
    case 'boolean':
      control = (
        <input
          {...common}
          required={false}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          className="h-5 w-5 accent-[var(--accent)]"
        />
      );
      break;
    case 'choice':
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)} className={cn(inputClass, 'h-10 py-0')}>
          <option value="">{field.required ? 'Choose…' : '—'}</option>
          {(field.options ?? []).map((o) => {
            const label = typeof o === 'string' ? o : JSON.stringify(o);
            return (
              <option key={label} value={label}>
                {label}
              </option>
            );
          })}
        </select>
      );
      break;
    case 'file': {
      const files = Array.isArray(value) ? value : [];
      control = (
        <div className="flex flex-col gap-1">
          <input
            {...common}
            type="file"
            accept={acceptAttribute(field.accept)}
            multiple={field.multiple}
            onChange={(e) => onChange(Array.from(e.target.files ?? []))}
            className="text-sm file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface-2 file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
          {files.length > 0 ? (
            <ul className="text-xs text-muted">
              {files.map((f) => (
                <li key={`${f.name}-${f.size}`}>
                  {f.name} · {formatBytes(f.size)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      );
      break;
    }
    default:
      control = <input {...common} type="text" value={text} onChange={(e) => onChange(e.target.value)} className={inputClass} />;
  }
  return (
    <div className={cn('flex gap-1.5', field.kind === 'boolean' ? 'flex-row-reverse items-start justify-end gap-3' : 'flex-col')}>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {field.label || field.name}
          {field.required ? (
            <span className="ml-0.5 text-danger" aria-hidden="true">
              *
            </span>
          ) : null}
        </label>
        {help ? (
          <p id={`${id}-help`} className="text-xs text-muted">
            {help}
          </p>
        ) : null}
        {field.kind === 'boolean' && problem ? (
          <p id={`${id}-error`} className="text-xs text-danger">
            {problem}
          </p>
        ) : null}
      </div>
      {control}
      {field.kind !== 'boolean' && problem ? (
        <p id={`${id}-error`} className="text-xs text-danger" data-problem>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
