import type { FileValue, Json, JsonObject } from '../../../shared/api/types';
import { formatBytes, isFileValue } from '../../../shared/ui/fileValue';
import type { RunInputField } from './runInputs';

/** The files chosen in the run form, by input name. */
export type ChosenFiles = Record<string, File[]>;

/**
 * Whether `file` is of a type `accept` takes, as the server's File input
 * judges it (src/nodes/input/input_file.cpp): `.ext` by the name's end,
 * `type/*` by the MIME type's start, anything else by the whole MIME type.
 * @example accepts(['.csv'], new File([], 'a.CSV')) // true
 */
export function accepts(accept: string[] | undefined, file: Pick<File, 'name' | 'type'>): boolean {
  if (!accept || accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase();
  return accept.some((raw) => {
    const entry = raw.toLowerCase();
    if (entry.startsWith('.')) return name.endsWith(entry);
    if (entry.endsWith('/*')) return mime.startsWith(entry.slice(0, -1));
    return mime === entry;
  });
}

/** The file values a previous run was given for `name` (kept when no new file is chosen). */
export function previousFiles(value: Json | undefined): FileValue[] {
  if (isFileValue(value)) return [value];
  return Array.isArray(value) ? value.filter(isFileValue) : [];
}

/**
 * What is wrong with the files chosen, by input name, before anything is
 * uploaded: a required input with no file, a file too large or of a type the
 * input does not take. Each message names the field's label. The server
 * checks again when the run starts.
 */
export function checkFiles(fields: RunInputField[], chosen: ChosenFiles, values: JsonObject): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const f of fields) {
    if (f.kind !== 'file') continue;
    const files = chosen[f.name] ?? [];
    if (files.length === 0) {
      if (f.required && previousFiles(values[f.name]).length === 0) problems[f.name] = `${f.label}: choose a file.`;
      continue;
    }
    const big = f.maxBytes === undefined ? undefined : files.find((file) => file.size > (f.maxBytes ?? 0));
    const foreign = files.find((file) => !accepts(f.accept, file));
    if (big && f.maxBytes !== undefined) {
      problems[f.name] = `${f.label}: ${big.name} is ${formatBytes(big.size)}; at most ${formatBytes(f.maxBytes)} is allowed.`;
    } else if (foreign) {
      problems[f.name] = `${f.label}: ${foreign.name} is not a type it takes (${(f.accept ?? []).join(', ')}).`;
    }
  }
  return problems;
}

/**
 * The run's inputs: `values` with each file field's chosen files uploaded
 * (one `POST /api/files` per field) and given as file values — one, or a
 * list when the input takes several. A field with no new file keeps the
 * file values it had.
 */
export async function withUploads(
  fields: RunInputField[],
  chosen: ChosenFiles,
  values: JsonObject,
  upload: (files: File[]) => Promise<FileValue[]>,
): Promise<JsonObject> {
  const inputs: JsonObject = { ...values };
  for (const f of fields) {
    const files = chosen[f.name] ?? [];
    if (f.kind !== 'file' || files.length === 0) continue;
    const stored = await upload(files);
    inputs[f.name] = f.multiple ? stored : (stored[0] ?? null);
  }
  return inputs;
}
