import { useEffect, useRef, useState } from 'react';
import { cn } from '../lib/cn';
import { IconButton } from './Button';
import { Icon } from './Icon';

export interface MenuItem {
  label: string;
  icon: string;
  danger?: boolean;
  onSelect: () => void;
}

/** A "more" button opening a small list of actions. */
export function Menu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) {
      return;
    }
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    root.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div ref={root} className="relative">
      <IconButton icon="more" label={label} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} />
      {open ? (
        <div
          role="menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
            }
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const all = Array.from(root.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? []);
              const at = all.indexOf(document.activeElement as HTMLElement);
              all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
            }
          }}
          className="absolute top-9 right-0 z-30 min-w-40 rounded-xl border border-line bg-surface p-1 shadow-pop"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={cn(
                'flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left text-sm outline-none hover:bg-surface-2 focus:bg-surface-2',
                item.danger ? 'text-danger' : 'text-fg',
              )}
            >
              <Icon name={item.icon} size={14} />
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
