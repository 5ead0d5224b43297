import { useId } from 'react';
import type { Json, JsonObject } from '../../shared/api/types';
import { Field, inputClass } from '../editor/form/Field';
import { JsonEditor } from '../editor/form/JsonEditor';
import { Toggle } from '../editor/form/controls';
import type { RunInputField } from '../editor/run/runInputs';

/**
 * The inputs a schedule runs with, a field per input block of the pipeline
 * (the run form's fields, `runInputsOf`). A field left empty takes the
 * input's default when the run starts. Inputs the pipeline no longer has
 * are kept as they are, and said.
 */
export function FixedInputs({
  fields,
  values,
  readOnly,
  problems,
  onChange,
}: {
  fields: RunInputField[];
  values: JsonObject;
  readOnly: boolean;
  /** The server's problems, by input name. */
  problems: Record<string, string[]>;
  onChange: (values: JsonObject) => void;
}) {
  const id = useId();
  const set = (name: string, value: Json | undefined) => {
    const next = { ...values };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };
  const stray = Object.keys(values).filter((k) => !fields.some((f) => f.name === k));
  if (fields.length === 0 && stray.length === 0) {
    return <p className="text-xs text-muted">This pipeline has no input blocks: its runs start with no inputs.</p>;
  }
  return (
    <div className="flex flex-col gap-3" data-testid="fixed-inputs">
      {fields.map((f) => {
        const fieldId = `${id}-${f.name}`;
        const value = values[f.name];
        let control;
        if (f.kind === 'text') {
          const text = typeof value === 'string' ? value : '';
          const placeholder = typeof f.default === 'string' ? f.default : undefined;
          control = f.multiline ? (
            <textarea id={fieldId} rows={3} disabled={readOnly} value={text} placeholder={placeholder} onChange={(e) => set(f.name, e.target.value)} className={inputClass(false)} />
          ) : (
            <input id={fieldId} disabled={readOnly} value={text} placeholder={placeholder} onChange={(e) => set(f.name, e.target.value)} className={inputClass(false)} />
          );
        } else if (f.kind === 'number' || f.kind === 'integer') {
          control = (
            <input
              id={fieldId}
              type="number"
              disabled={readOnly}
              step={f.kind === 'integer' ? 1 : 'any'}
              value={typeof value === 'number' ? value : ''}
              placeholder={typeof f.default === 'number' ? String(f.default) : undefined}
              onChange={(e) => set(f.name, e.target.value === '' ? undefined : Number(e.target.value))}
              className={inputClass(false)}
            />
          );
        } else if (f.kind === 'boolean') {
          control = <Toggle id={fieldId} checked={(value ?? f.default) === true} onChange={(v) => !readOnly && set(f.name, v)} />;
        } else {
          control = <JsonEditor id={fieldId} value={value} onChange={(v) => set(f.name, v)} rows={2} />;
        }
        return (
          <Field
            key={f.name}
            id={fieldId}
            label={f.label}
            required={f.required}
            description={f.description}
            problems={problems[f.name] ?? []}
            inline={f.kind === 'boolean'}
          >
            {control}
          </Field>
        );
      })}
      {stray.length > 0 ? (
        <p className="text-[11px] text-warning">
          Kept, but no input block takes {stray.length === 1 ? 'it' : 'them'} any more: {stray.join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
