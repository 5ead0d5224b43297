import { CopyButton } from '../../shared/ui/CopyButton';
import { Icon } from '../../shared/ui/Icon';

/** A just-made secret with a copy button and the warning that it will not be shown again. */
export function KeyOnce({ secret }: { secret: string }) {
  return (
    <div className="flex flex-col gap-3">
      <p role="alert" className="flex items-start gap-2 rounded-lg bg-warning-soft px-3 py-2 text-xs text-warning">
        <Icon name="alert" size={14} className="mt-px shrink-0" />
        Copy this key now. It is shown only once: Weft keeps only a hash of it, so nobody can show it to you again.
      </p>
      <div className="flex items-center gap-2 rounded-lg border border-line bg-surface-2 px-3 py-2">
        <code data-testid="new-api-key" className="min-w-0 flex-1 font-mono text-xs break-all select-all">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
    </div>
  );
}
