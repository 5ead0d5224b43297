import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import { cn } from '../../../shared/lib/cn';
import { formatDuration } from '../../../shared/lib/format';
import { Icon } from '../../../shared/ui/Icon';
import { StatusDot } from '../../../shared/ui/StatusDot';
import { categoryColor } from '../model/catalogue';
import type { WeftNode as WeftFlowNode } from '../model/flow';
import { handlesFor } from '../model/handles';
import { useCatalogue, useEditor, useRun } from '../store/EditorContext';
import { configPreview, outputPreview } from './preview';
import { isTerminal } from './terminal';

const kStatusRing: Record<string, string> = {
  running: 'border-info weft-running',
  succeeded: 'border-success/60',
  failed: 'border-danger',
  cancelled: 'border-warning',
};

/**
 * Below this zoom a block is drawn as its frame, title and handles only: its
 * text is too small to read there, and a fitted view of a large pipeline
 * shows hundreds of blocks at once, whose icons, previews and shadows made
 * each frame slow.
 */
export const kDetailZoom = 0.4;
const farAway = (s: ReactFlowState) => s.transform[2] < kDetailZoom;

/** The named output handles, one row each, at the foot of the block. */
function NamedHandles({ named }: { named: string[] }) {
  return (
    <div className="border-t border-line py-1">
      {named.map((h) => (
        <div key={h} className="relative flex h-6 items-center justify-end pr-4 text-[11px] font-medium text-muted">
          <span className={h === 'error' ? 'text-danger' : undefined}>{h}</span>
          <Handle type="source" id={h} position={Position.Right} className={h === 'error' ? '!border-danger' : undefined} />
        </div>
      ))}
    </div>
  );
}

/** A block on the canvas: icon, title, type, status and duration, a preview line, its handles. */
export const WeftNode = memo(function WeftNode({ id, data, selected }: NodeProps<WeftFlowNode>) {
  const descriptor = useCatalogue().get(data.type);
  const run = useRun((s) => s.run.nodes[id]);
  const problems = useEditor((s) => s.problems.byNode[id]);
  const pinned = useEditor((s) => s.pinned[id] !== undefined);
  const far = useStore(farAway);
  // The far drawing keeps the block's measured height, so edges stay where its handles were.
  const height = useStore((s) => (far ? s.nodeLookup.get(id)?.measured.height : undefined));
  const handles = handlesFor(descriptor, data);
  const outputs = isTerminal(descriptor) ? [] : handles.outputs;
  const color = categoryColor(descriptor?.category);
  const named = outputs.filter((h): h is string => h !== null);
  const status = run?.status;
  const title = data.label || descriptor?.title || data.type;
  const frame = cn(
    'relative w-56 rounded-xl border bg-surface',
    status ? (kStatusRing[status] ?? 'border-line') : 'border-line',
    status === 'skipped' && 'border-dashed opacity-60',
    selected && 'ring-2 ring-accent ring-offset-1 ring-offset-bg',
    problems && 'border-danger',
  );

  if (far) {
    return (
      <div
        data-testid={`node-${id}`}
        data-status={status ?? 'idle'}
        data-detail="far"
        className={cn(frame, 'flex flex-col')}
        style={{ height, borderLeft: `6px solid ${color}` }}
      >
        {handles.input ? <Handle type="target" position={Position.Left} className="!top-6" /> : null}
        <div className="truncate px-3 pt-2.5 text-[13px] leading-5 font-semibold text-fg">{title}</div>
        <div className="flex-1" />
        {named.length > 0 ? <NamedHandles named={named} /> : null}
        {outputs.includes(null) ? <Handle type="source" position={Position.Right} className="!top-6" /> : null}
      </div>
    );
  }
  const preview = run?.tokens
    ? run.tokens.slice(-90)
    : run?.error
      ? run.error.message
      : run?.output !== undefined
        ? outputPreview(run.output)
        : configPreview(data.config);

  return (
    <div
      data-testid={`node-${id}`}
      data-status={status ?? 'idle'}
      className={cn(frame, 'shadow-card transition-[border-color,box-shadow]')}
    >
      {handles.input ? <Handle type="target" position={Position.Left} className="!top-6" /> : null}
      <div className="flex items-start gap-2.5 px-3 pt-2.5 pb-2">
        <span
          className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-lg"
          style={{ background: `color-mix(in srgb, ${color} 15%, transparent)`, color }}
        >
          <Icon name={descriptor?.icon ?? 'box'} size={16} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-[13px] leading-5 font-semibold text-fg">{title}</div>
          <div className="truncate font-mono text-[10.5px] leading-4 text-muted">{id}</div>
        </div>
        {status && status !== 'pending' ? (
          <div className="flex shrink-0 flex-col items-end gap-0.5 pt-0.5" data-testid={`node-status-${id}`}>
            <StatusDot status={status} />
            {run?.durationMs !== undefined ? (
              <span className="text-[10px] leading-3 text-faint tabular-nums">{formatDuration(run.durationMs)}</span>
            ) : null}
          </div>
        ) : null}
      </div>
      {preview ? (
        <div className="mx-3 mb-2.5 rounded-md bg-surface-2 px-2 py-1">
          <div
            data-testid={`node-preview-${id}`}
            className={cn(
              'line-clamp-2 font-mono text-[11px] leading-4 [overflow-wrap:anywhere]',
              run?.error ? 'text-danger' : 'text-muted',
            )}
          >
            {preview}
          </div>
        </div>
      ) : (
        <div className="pb-0.5" />
      )}
      {named.length > 0 ? <NamedHandles named={named} /> : null}
      {outputs.includes(null) ? <Handle type="source" position={Position.Right} className="!top-6" /> : null}
      {problems ? (
        <span
          data-testid={`node-problems-${id}`}
          title={problems.map((p) => p.message).join('\n')}
          className="absolute -top-2 -right-2 flex h-5 min-w-5 items-center justify-center rounded-full bg-danger px-1 text-[10px] font-bold text-white shadow-card"
        >
          {problems.length}
        </span>
      ) : null}
      {pinned ? (
        <span
          title="Output pinned: editor runs reuse it"
          data-testid={`node-pinned-${id}`}
          className="absolute -top-2 -left-2 flex h-5 w-5 items-center justify-center rounded-full bg-accent text-accent-fg shadow-card"
        >
          <Icon name="pin" size={11} />
        </span>
      ) : null}
    </div>
  );
});
