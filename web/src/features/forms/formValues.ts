import type { PublicFormField } from '../../shared/api/triggerTypes';
import { formatBytes } from '../../shared/ui/fileValue';

/** What the user has entered in one field: text for most kinds, a flag, or files. */
export type FieldValue = string | boolean | File[];

export type FormValues = Record<string, FieldValue>;

/** The starting values: each field's default, else empty. */
export function initialValues(fields: PublicFormField[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    if (f.kind === 'file') values[f.name] = [];
    else if (f.kind === 'boolean') values[f.name] = f.default === true;
    else if (f.default === undefined || f.default === null) values[f.name] = '';
    else values[f.name] = typeof f.default === 'string' ? f.default : JSON.stringify(f.default, null, f.kind === 'json' ? 2 : 0);
  }
  return values;
}

/** The accepted types of a file field as the `accept` attribute wants them. */
export function acceptAttribute(accept: PublicFormField['accept']): string | undefined {
  if (!accept) return undefined;
  const list = Array.isArray(accept) ? accept : accept.split(',');
  const text = list.map((a) => a.trim()).filter(Boolean).join(',');
  return text || undefined;
}

/**
 * The problems the browser can see before sending, by field name: a
 * required field left empty, a number that is not one, JSON that does not
 * parse, a file too large. The server checks everything again.
 */
export function checkValues(fields: PublicFormField[], values: FormValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'file') {
      const files = Array.isArray(v) ? v : [];
      if (f.required && files.length === 0) problems[f.name] = 'Choose a file.';
      const big = f.max_bytes ? files.find((file) => file.size > (f.max_bytes ?? 0)) : undefined;
      if (big && f.max_bytes) problems[f.name] = `${big.name} is larger than ${formatBytes(f.max_bytes)}.`;
      continue;
    }
    if (typeof v !== 'string') continue;
    if (f.required && v.trim() === '') {
      problems[f.name] = 'This field is required.';
    } else if (f.kind === 'number' && v.trim() !== '' && Number.isNaN(Number(v))) {
      problems[f.name] = 'Enter a number.';
    } else if (f.kind === 'json' && v.trim() !== '') {
      try {
        JSON.parse(v);
      } catch {
        problems[f.name] = 'This is not valid JSON.';
      }
    }
  }
  return problems;
}

/**
 * The multipart body of a submission: fields as strings (flags as
 * `true`/`false`), files as parts under their field's name; empty optional
 * fields are left out so the pipeline's defaults apply.
 */
export function toFormData(fields: PublicFormField[], values: FormValues): FormData {
  const data = new FormData();
  for (const f of fields) {
    const v = values[f.name];
    if (Array.isArray(v)) {
      for (const file of v) data.append(f.name, file, file.name);
    } else if (typeof v === 'boolean') {
      data.append(f.name, v ? 'true' : 'false');
    } else if (v !== undefined && v.trim() !== '') {
      data.append(f.name, v);
    }
  }
  return data;
}

/** The field a JSON Pointer of an error answer names (`/topic` → `topic`), or null. */
export function fieldOfPointer(pointer: string): string | null {
  const m = /^\/([^/]+)/.exec(pointer);
  return m?.[1] ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : null;
}
