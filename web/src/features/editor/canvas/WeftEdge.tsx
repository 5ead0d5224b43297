import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { WeftEdge as WeftFlowEdge } from '../model/flow';
import { useEditor, useRun } from '../store/EditorContext';
import type { NodeRunView } from '../run/runState';

/**
 * Whether a finished source node sent data along the edge leaving `handle`,
 * by the engine's rule: a node that chose handles (a routing block, run or
 * pinned) sends along those; any other sends along its unnamed output, and
 * along `error` when it failed.
 */
export function edgeTaken(source: NodeRunView | undefined, handle: string | null | undefined): boolean {
  if (!source) {
    return false;
  }
  if (source.handles && source.handles.length > 0) {
    return source.handles.includes(handle ?? '');
  }
  if (handle === 'error') {
    return source.status === 'failed';
  }
  if (source.status !== 'succeeded') {
    return false;
  }
  return !handle;
}

export const WeftEdge = memo(function WeftEdge(props: EdgeProps<WeftFlowEdge>) {
  const { id, source, target, sourceHandleId, selected, markerEnd } = props;
  const [path] = getBezierPath(props);
  const sourceRun = useRun((s) => s.run.nodes[source]);
  const targetStatus = useRun((s) => s.run.nodes[target]?.status);
  const running = useRun((s) => s.run.status === 'running');
  const broken = useEditor((s) => s.problems.byEdge[id] !== undefined);
  const settled = sourceRun && sourceRun.status !== 'running' && sourceRun.status !== 'pending';
  const taken = settled && edgeTaken(sourceRun, sourceHandleId) && targetStatus !== 'skipped';
  let stroke: string | undefined;
  let className: string | undefined;
  let dash: string | undefined;
  if (broken) {
    stroke = 'var(--danger)';
  } else if (selected) {
    stroke = 'var(--accent)';
  } else if (taken) {
    stroke = sourceHandleId === 'error' ? 'var(--danger)' : 'var(--accent)';
    className = running ? 'weft-edge-flow' : undefined;
  } else if (settled) {
    dash = '4 4';
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      className={className}
      style={{ stroke, strokeWidth: taken || selected ? 2 : 1.6, strokeDasharray: dash, opacity: settled && !taken ? 0.5 : 1 }}
    />
  );
});
