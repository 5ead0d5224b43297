import { useState } from 'react';
import type { Json, JsonObject } from '../../../shared/api/types';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { Field, inputClass } from '../form/Field';
import { JsonEditor } from '../form/JsonEditor';
import { Toggle } from '../form/controls';
import type { RunInputField } from './runInputs';
import { FormError } from '../../../shared/ui/FormError';

function initial(fields: RunInputField[], previous: JsonObject | undefined): JsonObject {
  const values: JsonObject = {};
  for (const f of fields) {
    const v = previous?.[f.name] ?? f.default;
    if (v !== undefined) values[f.name] = v;
  }
  return values;
}

/** The run form generated from the pipeline's input nodes. Ctrl+Enter runs. */
export function RunDialog({
  fields,
  previous,
  busy,
  error,
  onRun,
  onClose,
}: {
  fields: RunInputField[];
  previous?: JsonObject;
  busy: boolean;
  error: string | null;
  onRun: (inputs: JsonObject) => void;
  onClose: () => void;
}) {
  const [values, setValues] = useState<JsonObject>(() => initial(fields, previous));
  const set = (name: string, value: Json | undefined) =>
    setValues((v) => {
      const next = { ...v };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return next;
    });
  const submit = () => onRun(values);
  return (
    <Dialog
      title="Run pipeline"
      onClose={onClose}
      footer={
        <>
          <span className="mr-auto self-center text-xs text-faint">Ctrl+Enter to run</span>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="play" busy={busy} onClick={submit} data-testid="run-submit">
            Run
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            submit();
          }
        }}
      >
        {fields.map((f) => {
          const id = `run-input-${f.name}`;
          const value = values[f.name];
          let control;
          if (f.kind === 'text') {
            control = f.multiline ? (
              <textarea id={id} rows={4} value={typeof value === 'string' ? value : ''} onChange={(e) => set(f.name, e.target.value)} className={inputClass(false)} />
            ) : (
              <input id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => set(f.name, e.target.value)} className={inputClass(false)} />
            );
          } else if (f.kind === 'number' || f.kind === 'integer') {
            control = (
              <input
                id={id}
                type="number"
                value={typeof value === 'number' ? value : ''}
                onChange={(e) => set(f.name, e.target.value === '' ? undefined : Number(e.target.value))}
                className={inputClass(false)}
              />
            );
          } else if (f.kind === 'boolean') {
            control = <Toggle id={id} checked={value === true} onChange={(v) => set(f.name, v)} />;
          } else {
            control = <JsonEditor id={id} value={value} onChange={(v) => set(f.name, v)} rows={3} />;
          }
          return (
            <Field key={f.name} id={id} label={f.label} required={f.required} description={f.description} problems={[]} inline={f.kind === 'boolean'}>
              {control}
            </Field>
          );
        })}
        <FormError message={error} />
      </form>
    </Dialog>
  );
}
