import { memo } from 'react';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { Icon } from '../../../shared/ui/Icon';

/** The drag payload type of a palette item. */
export const kDragType = 'application/x-weft-node-type';

export const PaletteItem = memo(function PaletteItem({
  descriptor,
  color,
  onAdd,
}: {
  descriptor: NodeTypeDescriptor;
  color: string;
  onAdd: (type: string) => void;
}) {
  return (
    <li>
      <button
        type="button"
        draggable
        data-node-type={descriptor.type}
        title={descriptor.description}
        onDragStart={(e) => {
          e.dataTransfer.setData(kDragType, descriptor.type);
          e.dataTransfer.setData('text/plain', descriptor.type);
          e.dataTransfer.effectAllowed = 'move';
        }}
        onClick={() => onAdd(descriptor.type)}
        className="group flex w-full cursor-grab items-center gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-surface-2 active:cursor-grabbing"
      >
        <span
          className="flex h-7 w-7 shrink-0 items-center justify-center rounded-lg"
          style={{ background: `color-mix(in srgb, ${color} 14%, transparent)`, color }}
        >
          <Icon name={descriptor.icon} size={15} />
        </span>
        <span className="min-w-0">
          <span className="block truncate text-[13px] font-medium text-fg">{descriptor.title}</span>
          <span className="block truncate text-[11px] text-muted">{descriptor.description}</span>
        </span>
      </button>
    </li>
  );
});
