import type { Json } from '../../../shared/api/types';
import { IconButton } from '../../../shared/ui/Button';
import { formatBytes } from '../../../shared/ui/fileValue';
import { previousFiles } from './runFiles';
import type { RunInputField } from './runInputs';

/**
 * The run form's control for a File input: a file picker limited to the
 * types it takes, the files chosen, and — until another is chosen — the
 * file(s) the last run was given, which a run reuses.
 */
export function FileField({
  id,
  field,
  chosen,
  previous,
  onChoose,
  onForget,
}: {
  id: string;
  field: RunInputField;
  chosen: File[];
  previous: Json | undefined;
  onChoose: (files: File[]) => void;
  onForget: () => void;
}) {
  const kept = chosen.length === 0 ? previousFiles(previous) : [];
  const limits = [
    field.accept?.length ? field.accept.join(', ') : '',
    field.maxBytes !== undefined ? `up to ${formatBytes(field.maxBytes)}${field.multiple ? ' each' : ''}` : '',
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-1">
      <input
        id={id}
        type="file"
        accept={field.accept?.join(',') || undefined}
        multiple={field.multiple}
        onChange={(e) => onChoose(Array.from(e.target.files ?? []))}
        className="text-xs file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface-2 file:px-2.5 file:py-1 file:text-xs file:font-medium"
      />
      {limits.length > 0 ? <p className="text-[11px] text-faint">{limits.join(' · ')}</p> : null}
      {chosen.length > 0 ? (
        <ul className="text-[11px] text-muted" data-testid={`${id}-chosen`}>
          {chosen.map((f, i) => (
            <li key={`${i}-${f.name}`}>
              {f.name} · {formatBytes(f.size)}
            </li>
          ))}
        </ul>
      ) : null}
      {kept.length > 0 ? (
        <div className="flex items-center gap-1 text-[11px] text-muted">
          <span className="min-w-0 truncate">
            Last run’s {kept.length === 1 ? 'file' : 'files'}: {kept.map((f) => `${f.name} · ${formatBytes(f.size)}`).join(', ')}
          </span>
          <IconButton icon="x" label="Do not reuse the last run’s file" className="h-6 w-6" onClick={onForget} />
        </div>
      ) : null}
    </div>
  );
}
