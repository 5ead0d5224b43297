import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ControlButton } from '@xyflow/react';

const kShortcuts: [string, string][] = [
  ['Delete', 'delete the selection'],
  ['Ctrl Z', 'undo'],
  ['Ctrl Shift Z', 'redo'],
  ['Ctrl C / V', 'copy, paste'],
  ['Ctrl A', 'select all'],
  ['Ctrl F', 'find a block'],
  ['Ctrl D', 'duplicate the selection'],
  ['Right click', 'block and canvas menus'],
  ['Shift drag', 'select an area'],
  ['Ctrl S', 'save'],
  ['Ctrl Enter', 'run'],
];

/** A "?" control listing the editor's keyboard shortcuts; Escape or a click anywhere else closes it. */
export function ShortcutsHelp() {
  const [at, setAt] = useState<{ left: number; bottom: number } | null>(null);
  const open = at !== null;
  const popover = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setAt(null);
    };
    // The button toggles on its own click; a press there must not close it first.
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node | null;
      const toggle = target instanceof Element ? target.closest('[data-shortcuts-toggle]') : null;
      if (target && !toggle && !popover.current?.contains(target)) setAt(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [open]);
  return (
    <>
      <ControlButton
        data-shortcuts-toggle=""
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setAt(open ? null : { left: box.right + 8, bottom: window.innerHeight - box.bottom });
        }} title="Keyboard shortcuts" aria-label="Keyboard shortcuts" aria-expanded={open}>
        <span className="text-[11px] font-bold">?</span>
      </ControlButton>
      {at
        ? createPortal(
        <div
          ref={popover}
          role="dialog"
          aria-label="Keyboard shortcuts"
          style={at}
          onMouseLeave={() => setAt(null)}
          className="fixed z-40 w-60 rounded-xl border border-line bg-surface p-3 text-xs shadow-pop"
        >
          <div className="mb-2 font-semibold">Keyboard shortcuts</div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5">
            {kShortcuts.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt>
                  <kbd className="rounded border border-line bg-surface-2 px-1 font-mono text-[10px]">{keys}</kbd>
                </dt>
                <dd className="text-muted">{what}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-[10px] text-faint">Cmd instead of Ctrl on a Mac.</p>
        </div>,
            document.body,
          )
        : null}
    </>
  );
}
