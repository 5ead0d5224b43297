import { useState } from 'react';
import { Link } from '../../../app/Link';
import { cn } from '../../../shared/lib/cn';
import { formatDuration } from '../../../shared/lib/format';
import { IconButton } from '../../../shared/ui/Button';
import { FileDownloads } from '../../../shared/ui/FileChip';
import { Icon } from '../../../shared/ui/Icon';
import { JsonTree } from '../../../shared/ui/JsonTree';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { useEditor, useRun } from '../store/EditorContext';
import { nodeInput } from './nodeInput';
import { totalUsage } from './usage';

const kOutputs = '__outputs__';
const kDefaultHeight = 288;
const kMinHeight = 120;

/** Drag the top edge to resize; keeps at least a sliver of canvas. */
function startResize(e: React.PointerEvent, height: number, setHeight: (h: number) => void) {
  e.preventDefault();
  const startY = e.clientY;
  const max = window.innerHeight * 0.7;
  const move = (m: PointerEvent) => setHeight(Math.min(max, Math.max(kMinHeight, height + startY - m.clientY)));
  const up = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0">
      <h4 className="mb-1 text-[11px] font-semibold tracking-wider text-muted uppercase">{title}</h4>
      {children}
    </section>
  );
}

/** The run at the bottom of the canvas: final outputs, and each node's input, output, error and logs. */
export function OutputPanel({ onClose, showLink = true }: { onClose?: () => void; showLink?: boolean }) {
  const run = useRun((s) => s.run);
  const edges = useEditor((s) => s.edges);
  const canvasOrder = useEditor((s) => s.nodes.map((n) => n.id).join('\n'));
  const [selected, setSelected] = useState<string>(kOutputs);
  const [open, setOpen] = useState(true);
  const [height, setHeight] = useState(kDefaultHeight);
  if (run.status === 'idle') {
    return null;
  }
  const position = new Map(canvasOrder.split('\n').map((id, i) => [id, i]));
  const order = Object.entries(run.nodes).sort(
    ([ia, a], [ib, b]) =>
      (a.startedAt ?? '\uffff').localeCompare(b.startedAt ?? '\uffff') ||
      (position.get(ia) ?? 1e9) - (position.get(ib) ?? 1e9),
  );
  const node = selected === kOutputs ? undefined : run.nodes[selected];
  return (
    <section
      aria-label="Run output"
      data-testid="output-panel"
      data-run-status={run.status}
      className="relative flex shrink-0 flex-col border-t border-line bg-surface"
      style={{ height: open ? height : 40 }}
    >
      {open ? (
        <div
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the run output"
          tabIndex={0}
          onPointerDown={(e) => startResize(e, height, setHeight)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') setHeight((h) => Math.min(window.innerHeight * 0.7, h + 24));
            if (e.key === 'ArrowDown') setHeight((h) => Math.max(kMinHeight, h - 24));
          }}
          className="absolute -top-1 right-0 left-0 z-10 h-2 cursor-row-resize hover:bg-accent/20 focus-visible:bg-accent/30"
        />
      ) : null}
      <header className="flex h-10 shrink-0 items-center gap-3 px-3">
        <button type="button" className="flex items-center gap-1.5 text-xs font-semibold" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name={open ? 'chevron-down' : 'chevron-right'} size={14} />
          Run
        </button>
        <StatusBadge status={run.status} queuePosition={run.queuePosition} />
        {run.durationMs !== undefined ? <span className="text-xs text-muted">{formatDuration(run.durationMs)}</span> : null}
        <UsageNote nodes={run.nodes} />
        {run.error ? <span className="truncate text-xs text-danger">{run.error.message}</span> : null}
        <span className="flex-1" />
        {showLink && run.executionId ? (
          <Link to={`/executions/${run.executionId}`} className="font-mono text-[11px] text-muted hover:text-accent">
            {run.executionId}
          </Link>
        ) : null}
        {onClose ? <IconButton icon="x" label="Close run output" onClick={onClose} /> : null}
      </header>
      {open ? (
        <div className="flex min-h-0 flex-1 border-t border-line">
          <ul className="w-56 shrink-0 overflow-y-auto border-r border-line p-1.5" aria-label="Run steps">
            <li>
              <button
                type="button"
                onClick={() => setSelected(kOutputs)}
                className={cn('flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-xs', selected === kOutputs ? 'bg-accent-soft text-accent' : 'hover:bg-surface-2')}
              >
                <Icon name="log-out" size={13} /> Final outputs
              </button>
            </li>
            {order.map(([id, n]) => (
              <li key={id}>
                <button
                  type="button"
                  data-step={id}
                  onClick={() => setSelected(id)}
                  className={cn('flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-xs', selected === id ? 'bg-accent-soft text-accent' : 'hover:bg-surface-2')}
                >
                  <span className="min-w-0 flex-1 truncate font-mono">{id}</span>
                  <StatusBadge status={n.status} compact />
                </button>
              </li>
            ))}
          </ul>
          <div className="min-w-0 flex-1 overflow-y-auto p-3" data-testid="output-details">
            {selected === kOutputs ? (
              run.outputs ? (
                <>
                  <FileDownloads value={run.outputs} />
                  <JsonTree value={run.outputs} />
                </>
              ) : (
                <p className="text-xs text-muted">{run.status === 'running' ? 'Waiting for the run to finish…' : 'No outputs.'}</p>
              )
            ) : node ? (
              <div className="grid grid-cols-2 gap-4">
                <Block title="Input">
                  <JsonTree value={nodeInput(selected, edges, run.nodes)} />
                </Block>
                <Block title={node.tokens && node.status === 'running' ? 'Output (streaming)' : 'Output'}>
                  {node.tokens && node.status === 'running' ? (
                    <pre className="font-mono text-xs whitespace-pre-wrap">{node.tokens}</pre>
                  ) : (
                    <>
                      <FileDownloads value={node.output} />
                      <JsonTree value={node.output} />
                    </>
                  )}
                </Block>
                {node.error ? (
                  <Block title="Error">
                    <p className="font-mono text-xs text-danger">
                      {node.error.code}: {node.error.message}
                    </p>
                  </Block>
                ) : null}
                {node.logs.length > 0 ? (
                  <Block title="Logs">
                    <ol className="font-mono text-[11px] leading-5 text-muted">
                      {node.logs.map((l, i) => (
                        <li key={i}>
                          {l.level}: {l.message}
                        </li>
                      ))}
                    </ol>
                  </Block>
                ) : null}
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** The run's LLM token use, when a model was asked. */
function UsageNote({ nodes }: { nodes: Parameters<typeof totalUsage>[0] }) {
  const usage = totalUsage(nodes);
  if (!usage) return null;
  return (
    <span className="text-xs text-muted" data-testid="run-usage" title="LLM tokens: prompt · completion">
      {usage.prompt.toLocaleString()} in · {usage.completion.toLocaleString()} out tokens
    </span>
  );
}
