import type { CredentialKind } from '../../shared/api/accountTypes';
import { humanize } from '../editor/form/widgets';
import { kFieldInput } from '../../shared/ui/TextField';
import { controlFor } from './credentialData';

/**
 * The fields of one credential kind, made from its schema. Secret fields are
 * password inputs. When editing, stored values are never shown: every field
 * starts empty and an empty field keeps what is saved.
 */
export function CredentialFields({
  kind,
  values,
  saved,
  onChange,
}: {
  kind: CredentialKind;
  values: Record<string, string>;
  /** Names of the fields that have a stored value (editing), or null (creating). */
  saved: string[] | null;
  onChange: (name: string, value: string) => void;
}) {
  const required = new Set(kind.schema.required ?? []);
  return (
    <div className="flex flex-col gap-3">
      {Object.entries(kind.schema.properties ?? {}).map(([name, schema]) => {
        const control = controlFor(schema);
        const id = `credential-field-${name}`;
        const stored = saved?.includes(name) ?? false;
        const label = schema.title ?? humanize(name);
        const placeholder = stored ? 'Saved — leave empty to keep' : schema['x-weft-secret'] ? '' : undefined;
        let input;
        if (control === 'select') {
          input = (
            <select id={id} value={values[name] ?? ''} onChange={(e) => onChange(name, e.target.value)} className={kFieldInput}>
              <option value="">{stored ? 'Keep the saved value' : '—'}</option>
              {(schema.enum ?? []).map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (control === 'headers') {
          input = (
            <textarea
              id={id}
              rows={3}
              spellCheck={false}
              placeholder={stored ? 'Saved — leave empty to keep' : 'X-Api-Key: …\nX-Tenant: …'}
              value={values[name] ?? ''}
              onChange={(e) => onChange(name, e.target.value)}
              className={`${kFieldInput} h-auto py-2 font-mono text-xs`}
            />
          );
        } else {
          input = (
            <input
              id={id}
              type={control === 'secret' ? 'password' : control === 'number' ? 'number' : 'text'}
              autoComplete={control === 'secret' ? 'new-password' : 'off'}
              placeholder={placeholder}
              value={values[name] ?? ''}
              onChange={(e) => onChange(name, e.target.value)}
              className={kFieldInput}
            />
          );
        }
        return (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={id} className="text-xs font-medium">
              {label}
              {required.has(name) && !saved ? <span className="ml-0.5 text-danger" aria-hidden="true">*</span> : null}
              {schema['x-weft-secret'] ? <span aria-hidden="true" className="ml-1.5 text-[10px] font-normal text-muted">secret</span> : null}
            </label>
            {input}
            {control === 'headers' ? <span className="text-[11px] text-muted">One header per line: <code>Name: value</code>.</span> : null}
          </div>
        );
      })}
    </div>
  );
}
