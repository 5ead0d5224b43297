import { useState } from 'react';
import type { Json, JsonObject } from '../../../shared/api/types';
import { formatDuration } from '../../../shared/lib/format';
import { Button } from '../../../shared/ui/Button';
import { FileDownloads } from '../../../shared/ui/FileChip';
import { JsonTree } from '../../../shared/ui/JsonTree';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { JsonEditor } from '../form/JsonEditor';
import { useEditor, useEditorContext, useRun } from '../store/EditorContext';
import { nodeInput } from '../run/nodeInput';

const isObject = (v: Json | undefined): v is JsonObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function Section({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section className="mb-4">
      <div className="mb-1.5 flex items-center justify-between">
        <h3 className="text-[11px] font-semibold tracking-wider text-muted uppercase">{title}</h3>
        {action}
      </div>
      {children}
    </section>
  );
}

/** A node's last input, output, error and logs, and its pinned output. */
export function NodeRunData({ nodeId, example }: { nodeId: string; example: Json | undefined }) {
  const { store } = useEditorContext();
  const node = useRun((s) => s.run.nodes[nodeId]);
  const runNodes = useRun((s) => s.run.nodes);
  const edges = useEditor((s) => s.edges);
  const pinned = useEditor((s) => s.pinned[nodeId]);
  const readOnly = useEditor((s) => s.readOnly);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Json | undefined>(undefined);

  const pin = (value: JsonObject | null) => store.getState().setPinned(nodeId, value);

  return (
    <div>
      {!node ? (
        <p className="mb-4 rounded-lg bg-surface-2 px-3 py-3 text-xs text-muted">
          No run data yet. Run the pipeline (Ctrl+Enter) to see what this block receives and returns.
        </p>
      ) : (
        <>
          <div className="mb-4 flex items-center gap-2">
            <StatusBadge status={node.status} />
            {node.durationMs !== undefined ? <span className="text-xs text-muted">{formatDuration(node.durationMs)}</span> : null}
            {node.attempts > 1 ? <span className="text-xs text-muted">{node.attempts} attempts</span> : null}
            {node.reused ? <span className="text-xs text-muted">reused</span> : null}
          </div>
          <Section title="Input">
            <JsonTree value={nodeInput(nodeId, edges, runNodes)} />
          </Section>
          <Section
            title="Output"
            action={
              !readOnly && isObject(node.output) ? (
                <Button size="sm" icon="pin" onClick={() => pin(node.output as JsonObject)}>
                  Pin output
                </Button>
              ) : undefined
            }
          >
            {node.tokens && node.status === 'running' ? (
              <pre className="rounded-lg bg-surface-2 p-2 font-mono text-xs whitespace-pre-wrap">{node.tokens}</pre>
            ) : (
              <>
                <FileDownloads value={node.output} />
                <JsonTree value={node.output} />
              </>
            )}
          </Section>
          {node.error ? (
            <Section title="Error">
              <p className="rounded-lg bg-danger-soft px-3 py-2 font-mono text-xs text-danger">
                {node.error.code}: {node.error.message}
              </p>
            </Section>
          ) : null}
          {node.logs.length > 0 ? (
            <Section title="Logs">
              <ol className="rounded-lg bg-surface-2 p-2 font-mono text-[11px] leading-5">
                {node.logs.map((l, i) => (
                  <li key={i} className={l.level === 'error' ? 'text-danger' : l.level === 'warn' ? 'text-warning' : 'text-muted'}>
                    {l.level}: {l.message}
                  </li>
                ))}
              </ol>
            </Section>
          ) : null}
        </>
      )}
      {!readOnly ? (
        <Section
          title="Pinned output"
          action={
            pinned ? (
              <Button size="sm" variant="ghost" icon="x" onClick={() => pin(null)}>
                Unpin
              </Button>
            ) : !editing ? (
              <Button
                size="sm"
                variant="ghost"
                icon="edit"
                onClick={() => {
                  setDraft(isObject(node?.output) ? node.output : (example ?? {}));
                  setEditing(true);
                }}
              >
                Type one
              </Button>
            ) : undefined
          }
        >
          {pinned ? (
            <>
              <p className="mb-2 text-xs text-muted">Editor runs reuse this instead of running the block. API runs ignore it.</p>
              <JsonEditor id={`pinned-${nodeId}`} value={pinned} onChange={(v) => isObject(v) && pin(v)} />
            </>
          ) : editing ? (
            <>
              <JsonEditor id={`pin-draft-${nodeId}`} value={draft} onChange={setDraft} />
              <div className="mt-2 flex justify-end gap-2">
                <Button size="sm" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
                <Button
                  size="sm"
                  variant="primary"
                  icon="pin"
                  disabled={!isObject(draft)}
                  onClick={() => {
                    if (isObject(draft)) pin(draft);
                    setEditing(false);
                  }}
                >
                  Pin
                </Button>
              </div>
            </>
          ) : (
            <p className="text-xs text-muted">Nothing pinned. Pin an output so editor runs skip this block and reuse it.</p>
          )}
        </Section>
      ) : null}
    </div>
  );
}
