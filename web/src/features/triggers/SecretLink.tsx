import { useState } from 'react';
import { Button } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { CopyButton } from '../../shared/ui/CopyButton';

/**
 * A trigger's secret URL in full (`window.location.origin` + its relative
 * `url`), with copy, optionally open, and — for editors — "Rotate URL" after
 * a confirm, since whoever has the old one loses it.
 */
export function SecretLink({
  url,
  label,
  openable,
  canRotate,
  rotating,
  onRotate,
}: {
  url: string;
  label: string;
  openable?: boolean;
  canRotate: boolean;
  rotating: boolean;
  onRotate: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const full = window.location.origin + url;
  return (
    <section className="flex flex-col gap-1.5" aria-label={label}>
      <h4 className="text-[11px] font-semibold tracking-wider text-muted uppercase">{label}</h4>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="trigger-url" className="min-w-0 flex-1 truncate rounded-lg border border-line bg-surface-2 px-2.5 py-1.5 font-mono text-xs" title={full}>
          {full}
        </code>
        <CopyButton text={full} label="Copy URL" />
        {openable ? (
          <a href={full} target="_blank" rel="noopener noreferrer" className="inline-flex h-7 items-center rounded-lg border border-line px-2.5 text-xs font-medium hover:bg-surface-2">
            Open
          </a>
        ) : null}
        {canRotate ? (
          <Button size="sm" icon="refresh" busy={rotating} onClick={() => setConfirming(true)}>
            Rotate URL
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Rotate this URL?"
          confirmLabel="Rotate URL"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onRotate();
          }}
        >
          A new secret URL replaces this one. The old URL stops working at once: whoever uses it must be given the new one.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
