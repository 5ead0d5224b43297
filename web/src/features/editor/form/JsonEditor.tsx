import { useState } from 'react';
import type { Json } from '../../../shared/api/types';
import { inputClass } from './Field';

const format = (value: Json | undefined) => (value === undefined ? '' : JSON.stringify(value, null, 2));

function parse(text: string): { ok: true; value: Json | undefined } | { ok: false; error: string } {
  if (!text.trim()) {
    return { ok: true, value: undefined };
  }
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * A JSON editor (a textarea): the value changes only when the text parses;
 * otherwise the parse error shows under it. An outside change (undo) resets the text.
 */
export function JsonEditor({
  id,
  value,
  onChange,
  invalid,
  rows = 2,
  placeholder,
}: {
  id: string;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  invalid?: boolean;
  rows?: number;
  placeholder?: string;
}) {
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (value !== seen) {
    setSeen(value);
    const current = parse(text);
    if (!current.ok || JSON.stringify(current.value) !== JSON.stringify(value)) {
      setText(format(value));
      setError(null);
    }
  }
  return (
    <div className="flex flex-col gap-1">
      <textarea
        id={id}
        value={text}
        rows={Math.min(16, Math.max(rows, text.split('\n').length))}
        spellCheck={false}
        placeholder={placeholder}
        aria-invalid={Boolean(error) || invalid}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parse(e.target.value);
          if (parsed.ok) {
            setError(null);
            setSeen(parsed.value);
            onChange(parsed.value);
          } else {
            setError(parsed.error);
          }
        }}
        className={`${inputClass(Boolean(error) || Boolean(invalid))} resize-y font-mono text-xs leading-5`}
      />
      {error ? (
        <p role="alert" className="text-[11px] text-danger">
          Not valid JSON: {error}
        </p>
      ) : null}
    </div>
  );
}
