import { useState } from 'react';
import { Field, inputClass } from '../form/Field';

/** The node id: edited freely, applied on Enter or blur (renaming edges and references). */
export function NodeIdField({
  id,
  readOnly,
  onRename,
}: {
  id: string;
  readOnly: boolean;
  onRename: (next: string) => string | null;
}) {
  const [draft, setDraft] = useState(id);
  const [seen, setSeen] = useState(id);
  const [error, setError] = useState<string | null>(null);
  if (seen !== id) {
    setSeen(id);
    setDraft(id);
    setError(null);
  }
  const apply = () => {
    const next = draft.trim();
    if (next === id) return;
    const problem = onRename(next);
    setError(problem);
    if (problem) return;
  };
  return (
    <Field id="node-id" label="Id" description="Other blocks read this block's output by its id." problems={error ? [error] : []}>
      <input
        id="node-id"
        value={draft}
        readOnly={readOnly}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') setDraft(id);
        }}
        className={`${inputClass(Boolean(error))} font-mono`}
      />
    </Field>
  );
}
