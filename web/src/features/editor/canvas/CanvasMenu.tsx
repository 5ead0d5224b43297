import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { cn } from '../../../shared/lib/cn';
import { Icon } from '../../../shared/ui/Icon';
import { searchPalette } from '../palette/paletteSearch';

export interface CanvasMenuItem {
  label: string;
  icon: string;
  hint?: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect: () => void;
}

/** Where a right-click opened a menu, and on what. */
export type MenuTarget =
  | { kind: 'node'; nodeId: string; x: number; y: number }
  | { kind: 'note'; noteId: string; x: number; y: number }
  | { kind: 'pane'; x: number; y: number };

/** A block picker inside the canvas menu: type to filter (palette synonyms too), Enter adds the first. */
function AddBlockList({ types, onPick }: { types: NodeTypeDescriptor[]; onPick: (type: string) => void }) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchPalette(types, query).slice(0, 8), [types, query]);
  return (
    <div className="flex flex-col gap-1" data-testid="menu-add-block">
      <input
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) onPick(matches[0].type);
        }}
        placeholder="Block to add"
        aria-label="Block to add"
        className="h-8 rounded-lg border border-line bg-surface-2 px-2 text-sm outline-none focus:border-accent"
      />
      {matches.map((t) => (
        <button key={t.type} type="button" role="menuitem" onClick={() => onPick(t.type)} className="flex items-center gap-2 rounded-lg px-2 py-1 text-left text-sm hover:bg-surface-2">
          <Icon name={t.icon} size={14} />
          {t.title}
        </button>
      ))}
    </div>
  );
}

/**
 * The right-click menu of a block, a note or the canvas, at the pointer.
 * Escape, a click elsewhere or a wheel closes it. `types` and `onAddBlock`:
 * the canvas menu's "Add block here" list.
 */
export function CanvasMenu({
  at,
  items,
  types,
  onAddBlock,
  onClose,
}: {
  at: { x: number; y: number };
  items: CanvasMenuItem[];
  types?: NodeTypeDescriptor[];
  onAddBlock?: (type: string) => void;
  onClose: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    const onPointer = (e: Event) => {
      if (!root.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('wheel', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('wheel', onPointer, true);
    };
  }, [onClose]);
  // Keep the menu on screen near the window's right and bottom edges.
  const left = Math.min(at.x, window.innerWidth - 240);
  const top = Math.min(at.y, window.innerHeight - (adding ? 360 : items.length * 34 + 60));
  return createPortal(
    <div
      ref={root}
      role="menu"
      data-testid="canvas-menu"
      style={{ left, top }}
      onContextMenu={(e) => e.preventDefault()}
      className="fixed z-50 w-56 rounded-xl border border-line bg-surface p-1 text-sm shadow-pop"
    >
      {adding && types && onAddBlock ? (
        <AddBlockList types={types} onPick={(type) => { onAddBlock(type); onClose(); }} />
      ) : (
        <>
          {types && onAddBlock ? (
            <button type="button" role="menuitem" onClick={() => setAdding(true)} className="flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left hover:bg-surface-2">
              <Icon name="plus" size={14} /> Add block here…
            </button>
          ) : null}
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              disabled={item.disabled}
              onClick={() => {
                onClose();
                item.onSelect();
              }}
              className={cn(
                'flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left hover:bg-surface-2 disabled:opacity-40 disabled:hover:bg-transparent',
                item.danger ? 'text-danger' : 'text-fg',
              )}
            >
              <Icon name={item.icon} size={14} />
              <span className="flex-1">{item.label}</span>
              {item.hint ? <kbd className="font-mono text-[10px] text-faint">{item.hint}</kbd> : null}
            </button>
          ))}
        </>
      )}
    </div>,
    document.body,
  );
}
