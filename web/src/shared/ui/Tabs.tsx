import { cn } from '../lib/cn';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  badge?: string | number;
}

/** A row of tabs (roving by click or arrow keys). */
export function Tabs<K extends string>({
  items,
  value,
  onChange,
  className,
}: {
  items: TabItem<K>[];
  value: K;
  onChange: (key: K) => void;
  className?: string;
}) {
  return (
    <div role="tablist" className={cn('flex gap-1', className)}>
      {items.map((item, i) => (
        <button
          key={item.key}
          type="button"
          role="tab"
          aria-selected={item.key === value}
          tabIndex={item.key === value ? 0 : -1}
          onClick={() => onChange(item.key)}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (step) {
              const next = items[(i + step + items.length) % items.length];
              if (next) {
                onChange(next.key);
              }
            }
          }}
          className={cn(
            'inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-medium transition',
            item.key === value ? 'bg-surface text-fg shadow-card' : 'text-muted hover:text-fg',
          )}
        >
          {item.label}
          {item.badge !== undefined ? (
            <span className="rounded-full bg-surface-3 px-1.5 text-[10px] text-muted">{item.badge}</span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
