import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isMod } from '../../../shared/lib/keyboard';
import { Icon } from '../../../shared/ui/Icon';
import { findBlocks, stepMatch } from '../model/findBlocks';
import type { WeftEdge, WeftNode } from '../model/flow';
import { useCatalogue, useEditor, useEditorContext } from '../store/EditorContext';

/** Zoom a found block is shown at, at least (a fitted large graph is too small to read). */
const kFindZoom = 0.9;

/**
 * Ctrl+F / Cmd+F on the canvas: a search box that finds blocks by title, id or
 * type. Enter or ↓ goes to the next match, Shift+Enter or ↑ to the previous;
 * the match is selected and centred. Escape closes it.
 */
export function FindBox() {
  const { store } = useEditorContext();
  const catalogue = useCatalogue();
  const flow = useReactFlow<WeftNode, WeftEdge>();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [at, setAt] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  // Positions change on every drag frame: the closed box does not follow the blocks at all.
  const nodes = useEditor((s) => (open ? s.nodes : null));
  const matches = useMemo(() => (nodes ? findBlocks(nodes, catalogue, query) : []), [nodes, catalogue, query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isMod(e) && e.key.toLowerCase() === 'f' && !document.querySelector('[aria-modal="true"]')) {
        e.preventDefault();
        setOpen(true);
        requestAnimationFrame(() => input.current?.select());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const show = (index: number) => {
    const id = matches[index];
    if (id === undefined) return;
    setAt(index);
    store.getState().select([id]);
    const node = flow.getNode(id);
    if (!node) return;
    const width = node.measured?.width ?? 224;
    const height = node.measured?.height ?? 80;
    const zoom = Math.max(flow.getZoom(), kFindZoom);
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom, duration: 200 });
  };

  if (!open) return null;
  const close = () => {
    setOpen(false);
    setAt(-1);
  };
  const counter = query.trim() ? (matches.length === 0 ? 'no match' : `${at >= 0 ? at + 1 : 0} of ${matches.length}`) : '';
  return (
    <div
      role="search"
      aria-label="Find a block"
      data-testid="find-box"
      className="absolute top-3 left-1/2 z-20 flex h-9 w-80 -translate-x-1/2 items-center gap-2 rounded-xl border border-line bg-surface px-2.5 shadow-pop"
    >
      <Icon name="search" size={14} />
      <input
        ref={input}
        autoFocus
        value={query}
        placeholder="Find a block by name, id or type"
        aria-label="Find a block"
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(-1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const back = e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey);
            show(at < 0 && !back ? 0 : stepMatch(matches.length, at, back ? -1 : 1));
          }
        }}
        className="min-w-0 flex-1 bg-transparent text-sm text-fg outline-none placeholder:text-faint"
      />
      <span className="shrink-0 text-[11px] text-muted tabular-nums" data-testid="find-count">
        {counter}
      </span>
      <button type="button" aria-label="Close find" onClick={close} className="text-muted hover:text-fg">
        <Icon name="x" size={14} />
      </button>
    </div>
  );
}
