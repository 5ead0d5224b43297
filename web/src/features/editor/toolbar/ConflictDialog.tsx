import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';

/** Shown when a save answers 409: someone saved a newer version since this one was loaded. */
export function ConflictDialog({
  onReload,
  onOverwrite,
  onClose,
}: {
  onReload: () => void;
  onOverwrite: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      title="Someone saved since"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Keep editing</Button>
          <Button variant="danger" onClick={onOverwrite}>
            Save over theirs
          </Button>
          <Button data-primary variant="primary" icon="refresh" onClick={onReload}>
            Reload
          </Button>
        </>
      }
    >
      <p className="text-sm text-muted">
        A newer version of this pipeline was saved after you opened it. Reload to see it (your unsaved changes are
        lost), or save yours as the newest version.
      </p>
    </Dialog>
  );
}
