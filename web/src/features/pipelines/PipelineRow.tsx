import { memo } from 'react';
import { Link } from '../../app/Link';
import type { PipelineSummary } from '../../shared/api/types';
import { formatDateTime, formatRelative } from '../../shared/lib/format';
import { Menu } from '../../shared/ui/Menu';
import { StatusBadge } from '../../shared/ui/StatusBadge';

/** One pipeline in the list; its rename, duplicate and delete menu only when `editable`. */
export const PipelineRow = memo(function PipelineRow({
  pipeline,
  editable,
  onRename,
  onDuplicate,
  onDelete,
}: {
  pipeline: PipelineSummary;
  editable: boolean;
  onRename: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
}) {
  return (
    <tr data-pipeline={pipeline.id} className="border-b border-line last:border-0 hover:bg-surface-2/60">
      <td className="px-5 py-3">
        <Link to={`/pipelines/${encodeURIComponent(pipeline.id)}`} className="font-medium text-fg hover:text-accent">
          {pipeline.name || pipeline.id}
        </Link>
        <div className="mt-0.5 line-clamp-1 text-xs text-muted">{pipeline.description || pipeline.id}</div>
      </td>
      <td className="px-3 py-3">
        {pipeline.last_run_status ? (
          <StatusBadge status={pipeline.last_run_status} />
        ) : (
          <span className="text-xs text-faint">Never run</span>
        )}
      </td>
      <td className="px-3 py-3 text-xs text-muted" title={formatDateTime(pipeline.updated_at)}>
        {formatRelative(pipeline.updated_at)}
      </td>
      <td className="px-3 py-3 text-right">
        {editable ? (
          <Menu
            label={`Actions for ${pipeline.name}`}
            items={[
              { label: 'Rename', icon: 'edit', onSelect: onRename },
              { label: 'Duplicate', icon: 'copy', onSelect: onDuplicate },
              { label: 'Delete', icon: 'trash', danger: true, onSelect: onDelete },
            ]}
          />
        ) : null}
      </td>
    </tr>
  );
})
