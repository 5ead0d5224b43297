import type { Json, JsonSchema } from '../../../shared/api/types';
import { cn } from '../../../shared/lib/cn';
import { inputClass } from './Field';

export function TextInput({
  id,
  value,
  onChange,
  invalid,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  placeholder?: string;
}) {
  return (
    <input
      id={id}
      type="text"
      value={value}
      placeholder={placeholder}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value)}
      className={inputClass(invalid)}
    />
  );
}

export function NumberInput({
  id,
  value,
  schema,
  onChange,
  invalid,
}: {
  id: string;
  value: Json | undefined;
  schema: JsonSchema;
  onChange: (value: number | undefined) => void;
  invalid: boolean;
}) {
  const integer = schema.type === 'integer';
  return (
    <input
      id={id}
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      step={integer ? 1 : 'any'}
      min={schema.minimum}
      max={schema.maximum}
      value={typeof value === 'number' ? value : ''}
      placeholder={schema.default !== undefined ? String(schema.default) : undefined}
      aria-invalid={invalid}
      onChange={(e) => {
        const text = e.target.value;
        if (text === '') {
          onChange(undefined);
          return;
        }
        const n = integer ? Number.parseInt(text, 10) : Number.parseFloat(text);
        if (!Number.isNaN(n)) onChange(n);
      }}
      className={inputClass(invalid)}
    />
  );
}

export function SelectInput({
  id,
  value,
  schema,
  onChange,
  invalid,
}: {
  id: string;
  value: Json | undefined;
  schema: JsonSchema;
  onChange: (value: Json | undefined) => void;
  invalid: boolean;
}) {
  const options = schema.enum ?? [];
  const index = options.findIndex((o) => JSON.stringify(o) === JSON.stringify(value));
  return (
    <select
      id={id}
      value={index >= 0 ? String(index) : ''}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value === '' ? undefined : options[Number(e.target.value)])}
      className={cn(inputClass(invalid), 'h-8 py-0')}
    >
      <option value="">{schema.default !== undefined ? `Default (${String(schema.default)})` : '—'}</option>
      {options.map((o, i) => (
        <option key={String(o)} value={String(i)}>
          {String(o)}
        </option>
      ))}
    </select>
  );
}

export function Toggle({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
      className={cn(
        'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'bg-accent' : 'bg-surface-3',
      )}
    >
      <span
        className={cn(
          'inline-block h-4 w-4 rounded-full bg-white shadow transition-transform',
          checked ? 'translate-x-4.5' : 'translate-x-0.5',
        )}
      />
    </button>
  );
}
