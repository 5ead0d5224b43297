import { useMemo, useState } from 'react';
import { Icon } from '../../../shared/ui/Icon';
import { wordProblem, type WordedNode, type WordedProblem } from '../model/problemWords';
import { focusField } from '../panel/focusField';
import { useCatalogue, useEditor, useEditorContext } from '../store/EditorContext';

/** One problem: where in words, what, and the pointer only in a "details" fold. */
function ProblemItem({ problem, onOpen }: { problem: WordedProblem; onOpen?: () => void }) {
  const body = (
    <>
      <span className="font-semibold" data-problem-place>
        {problem.place.join(' → ')}
      </span>
      <span className="block text-danger" data-problem-text>
        {problem.text}
      </span>
    </>
  );
  return (
    <li className="rounded-lg hover:bg-surface-2" data-testid="problem-item">
      {onOpen ? (
        <button type="button" className="w-full px-2 pt-1.5 text-left" onClick={onOpen}>
          {body}
        </button>
      ) : (
        <div className="px-2 pt-1.5">{body}</div>
      )}
      <details className="px-2 pb-1.5 text-[11px] text-faint">
        <summary className="cursor-pointer select-none">details</summary>
        <code className="block font-mono break-all">{problem.details}</code>
      </details>
    </li>
  );
}

/**
 * A count of validation problems; opens a list that names each by its block's
 * title and its field's label, and jumps to that field (or to the pipeline
 * settings for a problem in them).
 */
export function ProblemsButton({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { store } = useEditorContext();
  const catalogue = useCatalogue();
  const problems = useEditor((s) => s.problems);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const [open, setOpen] = useState(false);
  const worded = useMemo(() => {
    if (!open) return [];
    const ctx = {
      nodes: new Map(nodes.map((n): [string, WordedNode] => [n.id, { id: n.id, type: n.data.type, label: n.data.label, config: n.data.config }])),
      edges: new Map(edges.map((e) => [e.id, { source: e.source, target: e.target }])),
      catalogue,
    };
    return problems.placed.map((p) => ({ p, w: wordProblem(p, ctx) }));
  }, [open, problems, nodes, edges, catalogue]);
  if (problems.count === 0) {
    return (
      <span className="flex items-center gap-1 px-2 text-xs text-success" data-testid="problems" data-count="0">
        <Icon name="check" size={14} /> Valid
      </span>
    );
  }
  const jump = (w: WordedProblem) => {
    if (!w.nodeId) return undefined;
    const nodeId = w.nodeId;
    return () => {
      store.getState().select([nodeId]);
      setOpen(false);
      if (w.fieldId) focusField(w.fieldId);
    };
  };
  return (
    <div className="relative">
      <button
        type="button"
        data-testid="problems"
        data-count={problems.count}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex h-8 items-center gap-1.5 rounded-lg bg-danger-soft px-2.5 text-xs font-medium text-danger"
      >
        <Icon name="alert" size={14} />
        {problems.count} problem{problems.count === 1 ? '' : 's'}
      </button>
      {open ? (
        <div className="absolute top-10 right-0 z-30 w-96 rounded-xl border border-line bg-surface p-2 shadow-pop" data-testid="problems-list">
          <ul className="max-h-80 overflow-y-auto text-xs">
            {worded.map(({ p, w }, i) => (
              <ProblemItem
                key={`${i}:${p.pointer}:${p.message}`}
                problem={w}
                onOpen={
                  p.pointer.startsWith('/settings')
                    ? () => {
                        setOpen(false);
                        onOpenSettings();
                      }
                    : jump(w)
                }
              />
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
