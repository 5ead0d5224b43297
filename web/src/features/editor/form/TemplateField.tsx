import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { cn } from '../../../shared/lib/cn';
import { inputClass } from './Field';
import { filterCompletions, openHole, type Completion } from './completions';

/**
 * A template text with `{{` completion: typing `{{` offers upstream outputs
 * (`ticket.text`), the run's inputs and variables; Enter or Tab inserts one.
 */
export function TemplateField({
  id,
  value,
  onChange,
  completions,
  invalid,
  placeholder,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  completions: Completion[];
  invalid?: boolean;
  placeholder?: string;
}) {
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [hole, setHole] = useState<{ partial: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const options = hole ? filterCompletions(completions, hole.partial) : [];
  const open = options.length > 0;

  const track = (text: string, caret: number) => {
    setHole(openHole(text.slice(0, caret)));
    setActive(0);
  };

  const accept = (choice: Completion) => {
    const el = area.current;
    if (!el || !hole) return;
    const caret = el.selectionStart;
    const before = value.slice(0, hole.start);
    const after = value.slice(caret);
    const lead = before.endsWith(' ') ? '' : ' ';
    const close = /^\s*}}/.test(after) ? '' : ' }}';
    const next = `${before}${lead}${choice.label}${close}${after}`;
    onChange(next);
    setHole(null);
    const at = before.length + lead.length + choice.label.length + close.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      const choice = options[active];
      if (choice) {
        e.preventDefault();
        accept(choice);
      }
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setHole(null);
    }
  };

  return (
    <div className="relative">
      <textarea
        ref={area}
        id={id}
        value={value}
        rows={Math.min(10, Math.max(2, value.split('\n').length))}
        spellCheck={false}
        placeholder={placeholder ?? 'Text with {{ holes }}'}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setHole(null), 150)}
        className={cn(inputClass(Boolean(invalid)), 'resize-y font-mono text-xs leading-5')}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Insert a reference"
          className="absolute top-full right-0 left-0 z-20 mt-1 max-h-56 overflow-y-auto rounded-lg border border-line bg-surface p-1 shadow-pop"
        >
          {options.map((c, i) => (
            <li
              key={c.label}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(c);
              }}
              className={cn(
                'flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1',
                i === active ? 'bg-accent-soft' : 'hover:bg-surface-2',
              )}
            >
              <span className="truncate font-mono text-xs text-fg">{c.label}</span>
              <span className="truncate text-[10px] text-muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
