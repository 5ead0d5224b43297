import { useState } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import type { PipelineRecord } from '../../../shared/api/types';
import { formatDateTime, formatRelative } from '../../../shared/lib/format';
import { useResource } from '../../../shared/lib/useResource';
import { cn } from '../../../shared/lib/cn';
import { Button } from '../../../shared/ui/Button';
import { Drawer } from '../../../shared/ui/Drawer';
import { JsonTree } from '../../../shared/ui/JsonTree';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { useEditor } from '../store/EditorContext';

/** Every saved version; view one and (unless the canvas is read-only) restore it as the newest. */
export function VersionsDrawer({
  pipelineId,
  current,
  dirty,
  onRestored,
  onClose,
}: {
  pipelineId: string;
  current: number | null;
  dirty: boolean;
  onRestored: (record: PipelineRecord) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const versions = useResource(() => api.listVersions(pipelineId), `versions:${pipelineId}`);
  const [viewing, setViewing] = useState<number | null>(null);
  const detail = useResource(
    () => (viewing === null ? Promise.resolve(null) : api.getVersion(pipelineId, viewing)),
    `version:${pipelineId}:${viewing}`,
  );
  const readOnly = useEditor((s) => s.readOnly);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async (version: number) => {
    if (dirty && !window.confirm('Restoring replaces your unsaved changes. Continue?')) return;
    setBusy(true);
    setError(null);
    try {
      onRestored(await api.restoreVersion(pipelineId, version));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer title="Versions" onClose={onClose}>
      {versions.loading && !versions.data ? <LoadingState /> : null}
      {versions.error ? <ErrorState error={versions.error} onRetry={versions.reload} /> : null}
      {error ? <p role="alert" className="m-3 rounded-lg bg-danger-soft px-3 py-2 text-xs text-danger">{error}</p> : null}
      <ol className="p-2">
        {(versions.data ?? []).map((v) => (
          <li key={v.version} className={cn('rounded-xl', viewing === v.version && 'bg-surface-2')}>
            <div className="flex items-center gap-3 px-3 py-2.5">
              <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-surface-3 text-xs font-semibold">
                v{v.version}
              </span>
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm font-medium">
                  {v.name}
                  {v.version === current ? <span className="ml-2 text-xs font-normal text-success">current</span> : null}
                </div>
                <div className="text-xs text-muted" title={formatDateTime(v.created_at)}>
                  {formatRelative(v.created_at)}
                </div>
              </div>
              <Button size="sm" variant="ghost" icon="eye" onClick={() => setViewing(viewing === v.version ? null : v.version)}>
                {viewing === v.version ? 'Hide' : 'View'}
              </Button>
              {v.version !== current && !readOnly ? (
                <Button size="sm" icon="refresh" busy={busy} onClick={() => restore(v.version)}>
                  Restore
                </Button>
              ) : null}
            </div>
            {viewing === v.version ? (
              <div className="border-t border-line px-3 py-2">
                {detail.loading ? <LoadingState /> : null}
                {detail.data ? (
                  <>
                    <p className="mb-2 text-xs text-muted">
                      {detail.data.definition.nodes.length} blocks, {detail.data.definition.edges.length} connections
                    </p>
                    <JsonTree value={detail.data.definition as never} />
                  </>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </Drawer>
  );
}
