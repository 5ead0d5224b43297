import { memo, useMemo, useState } from 'react';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { Icon } from '../../../shared/ui/Icon';
import { categoryColor, groupByCategory } from '../model/catalogue';
import { PaletteItem } from './PaletteItem';
import { searchPalette } from './paletteSearch';

/**
 * The block catalogue: grouped by category, dragged onto the canvas. A search
 * (titles, types, descriptions and synonyms: "if" finds Condition) lists the
 * matches best first; Enter adds the first.
 */
export const Palette = memo(function Palette({
  types,
  onAdd,
}: {
  types: NodeTypeDescriptor[];
  onAdd: (type: string) => void;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    if (!query.trim()) return groupByCategory(types);
    const matching = searchPalette(types, query);
    return matching.length > 0 ? [{ name: 'Best matches', color: 'var(--accent)', types: matching }] : [];
  }, [types, query]);

  return (
    <aside aria-label="Blocks" className="flex w-60 shrink-0 flex-col border-r border-line bg-surface">
      <div className="border-b border-line p-3">
        <label className="flex h-8 items-center gap-2 rounded-lg border border-line bg-surface-2 px-2.5 text-muted focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/20">
          <Icon name="search" size={14} />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              const first = groups[0]?.types[0];
              if (e.key === 'Enter' && query.trim() && first) onAdd(first.type);
            }}
            placeholder="Search blocks"
            aria-label="Search blocks"
            className="w-full bg-transparent text-sm text-fg outline-none placeholder:text-faint"
          />
        </label>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {groups.length === 0 ? <p className="px-2 py-6 text-center text-sm text-muted">No block matches “{query}”.</p> : null}
        {groups.map((group) => (
          <section key={group.name} className="mb-3">
            <h3 className="flex items-center gap-2 px-2 py-1.5 text-[11px] font-semibold tracking-wider text-muted uppercase">
              <span className="h-1.5 w-1.5 rounded-full" style={{ background: group.color }} />
              {group.name}
            </h3>
            <ul>
              {group.types.map((t) => (
                <PaletteItem key={t.type} descriptor={t} color={categoryColor(t.category)} onAdd={onAdd} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="border-t border-line px-3 py-2 text-[11px] text-faint">Drag a block onto the canvas, or press Enter on it.</p>
    </aside>
  );
});
