import { useState } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import type { Json, JsonObject } from '../../../shared/api/types';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { Field, inputClass } from '../form/Field';
import { JsonEditor } from '../form/JsonEditor';
import { Toggle } from '../form/controls';
import type { RunInputField } from './runInputs';
import { FormError } from '../../../shared/ui/FormError';
import { FileField } from './FileField';
import { checkFiles, withUploads, type ChosenFiles } from './runFiles';

function initial(fields: RunInputField[], previous: JsonObject | undefined): JsonObject {
  const values: JsonObject = {};
  for (const f of fields) {
    const v = previous?.[f.name] ?? f.default;
    if (v !== undefined) values[f.name] = v;
  }
  return values;
}

/**
 * The run form generated from the pipeline's input nodes. Ctrl+Enter runs.
 * Files chosen for File inputs are checked (size, type), uploaded when the
 * user runs, and the run gets their file values.
 */
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
  const api = useApi();
  const [values, setValues] = useState<JsonObject>(() => initial(fields, previous));
  const [files, setFiles] = useState<ChosenFiles>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const set = (name: string, value: Json | undefined) =>
    setValues((v) => {
      const next = { ...v };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return next;
    });
  const submit = async () => {
    if (busy || uploading) return;
    const found = checkFiles(fields, files, values);
    setProblems(found);
    setUploadError(null);
    if (Object.keys(found).length > 0) return;
    setUploading(true);
    try {
      onRun(await withUploads(fields, files, values, api.uploadFiles));
    } catch (e) {
      setUploadError(`The files could not be uploaded: ${(e as Error).message}`);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Dialog
      title="Run pipeline"
      onClose={onClose}
      footer={
        <>
          <span className="mr-auto self-center text-xs text-faint">Ctrl+Enter to run</span>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" icon="play" busy={busy || uploading} onClick={() => void submit()} data-testid="run-submit">
            Run
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            void submit();
          }
        }}
      >
        {fields.map((f) => {
          const id = `run-input-${f.name}`;
          const value = values[f.name];
          const problem = problems[f.name];
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
          } else if (f.kind === 'file') {
            control = (
              <FileField
                id={id}
                field={f}
                chosen={files[f.name] ?? []}
                previous={value}
                onChoose={(chosen) => {
                  setFiles((all) => ({ ...all, [f.name]: chosen }));
                  setProblems((all) => ({ ...all, [f.name]: checkFiles([f], { [f.name]: chosen }, values)[f.name] ?? '' }));
                }}
                onForget={() => set(f.name, undefined)}
              />
            );
          } else if (f.kind === 'boolean') {
            control = <Toggle id={id} checked={value === true} onChange={(v) => set(f.name, v)} />;
          } else {
            control = <JsonEditor id={id} value={value} onChange={(v) => set(f.name, v)} rows={3} />;
          }
          return (
            <Field key={f.name} id={id} label={f.label} required={f.required} description={f.description} problems={problem ? [problem] : []} inline={f.kind === 'boolean'}>
              {control}
            </Field>
          );
        })}
        <FormError message={uploadError ?? error} />
      </form>
    </Dialog>
  );
}
