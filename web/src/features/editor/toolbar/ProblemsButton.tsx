import { useState } from 'react';
import { Icon } from '../../../shared/ui/Icon';
import { problemPlace } from '../model/problems';
import { useEditor, useEditorContext } from '../store/EditorContext';

/**
 * A count of validation problems; opens a list that selects the node at
 * fault, or opens the pipeline settings for a problem in them.
 */
export function ProblemsButton({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { store } = useEditorContext();
  const problems = useEditor((s) => s.problems);
  const [open, setOpen] = useState(false);
  if (problems.count === 0) {
    return (
      <span className="flex items-center gap-1 px-2 text-xs text-success" data-testid="problems" data-count="0">
        <Icon name="check" size={14} /> Valid
      </span>
    );
  }
  const byNode = Object.entries(problems.byNode);
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
        <div className="absolute top-10 right-0 z-30 w-96 rounded-xl border border-line bg-surface p-2 shadow-pop">
          <ul className="max-h-80 overflow-y-auto text-xs">
            {byNode.map(([id, list]) =>
              list.map((p) => (
                <li key={id + p.path + p.message}>
                  <button
                    type="button"
                    className="w-full rounded-lg px-2 py-1.5 text-left hover:bg-surface-2"
                    onClick={() => {
                      store.getState().select([id]);
                      setOpen(false);
                    }}
                  >
                    <span className="font-mono font-semibold">{id}</span>
                    <span className="text-muted">{p.path}</span>
                    <span className="block text-danger">{p.message}</span>
                  </button>
                </li>
              )),
            )}
            {problems.general.map((p) => {
              const place = problemPlace(p.pointer);
              return place.settings ? (
                <li key={p.pointer + p.message}>
                  <button
                    type="button"
                    className="w-full rounded-lg px-2 py-1.5 text-left hover:bg-surface-2"
                    title={p.pointer}
                    onClick={() => {
                      setOpen(false);
                      onOpenSettings();
                    }}
                  >
                    <span className="font-semibold">{place.label}</span>
                    <span className="block text-danger">{p.message}</span>
                  </button>
                </li>
              ) : (
                <li key={p.pointer + p.message} className="px-2 py-1.5">
                  <span className="font-mono text-muted">{place.label}</span>
                  <span className="block text-danger">{p.message}</span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
