import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import type { FileValue, Json } from '../api/types';
import { filesIn, formatBytes } from './fileValue';
import { Icon } from './Icon';
import { Spinner } from './Spinner';
import { useToasts } from './toast.store';

/** How long a saved file's blob URL lives: the browser has started the download by then. */
const kRevokeAfterMs = 60_000;

/** Hands `blob` to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), kRevokeAfterMs);
}

/**
 * A file value as a chip (name, size) that downloads it. `GET /api/files/{id}`
 * wants the bearer token, which a plain `<a href>` would not send: the bytes
 * are fetched by the API client and saved from a blob URL.
 */
export function FileChip({ file }: { file: FileValue }) {
  const api = useApi();
  const toast = useToasts((s) => s.push);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await api.downloadFile(file.id), file.name);
    } catch (e) {
      toast({ kind: 'error', message: `Download of ${file.name} failed: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      onClick={() => void download()}
      disabled={busy}
      title={`Download ${file.name} (${file.mime})`}
      data-file-id={file.id}
      className="inline-flex max-w-full items-center gap-1.5 rounded-lg border border-line bg-surface px-2 py-1 text-xs hover:border-accent hover:text-accent disabled:opacity-60"
    >
      {busy ? <Spinner size={13} /> : <Icon name="file-text" size={13} />}
      <span className="min-w-0 truncate font-medium">{file.name}</span>
      <span className="shrink-0 text-muted">{formatBytes(file.size)}</span>
    </button>
  );
}

/** A download chip for each file value in `value`; nothing when it holds none. */
export function FileDownloads({ value }: { value: Json | undefined }) {
  const files = filesIn(value);
  if (files.length === 0) return null;
  return (
    <ul aria-label="Files" className="mb-2 flex flex-wrap gap-1.5" data-testid="file-downloads">
      {files.map((f) => (
        <li key={f.id} className="min-w-0">
          <FileChip file={f} />
        </li>
      ))}
    </ul>
  );
}
