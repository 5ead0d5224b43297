import { memo, useState } from 'react';
import type { Json } from '../api/types';
import { Icon } from './Icon';

const kPreviewChars = 240;

function Scalar({ value }: { value: Json }) {
  const [full, setFull] = useState(false);
  if (value === null) {
    return <span className="text-faint">null</span>;
  }
  if (typeof value === 'string') {
    const long = value.length > kPreviewChars;
    return (
      <span className="break-words whitespace-pre-wrap text-success">
        "{long && !full ? value.slice(0, kPreviewChars) + '…' : value}"
        {long ? (
          <button type="button" className="ml-1 text-xs text-accent hover:underline" onClick={() => setFull(!full)}>
            {full ? 'less' : `${value.length} chars`}
          </button>
        ) : null}
      </span>
    );
  }
  if (typeof value === 'number') {
    return <span className="text-info">{String(value)}</span>;
  }
  return <span className="text-warning">{String(value)}</span>;
}

const Branch = memo(function Branch({ name, value, depth }: { name: string | null; value: Json; depth: number }) {
  const container = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 2);
  if (!container) {
    return (
      <div className="pl-4">
        {name !== null ? <span className="text-muted">{name}: </span> : null}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: [string, Json][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div className={depth > 0 ? 'pl-4' : ''}>
      <button
        type="button"
        aria-expanded={open}
        className="-ml-4 inline-flex items-center gap-0.5 rounded hover:bg-surface-2"
        onClick={() => setOpen(!open)}
      >
        <Icon name={open ? 'chevron-down' : 'chevron-right'} size={12} className="text-faint" />
        {name !== null ? <span className="text-muted">{name}</span> : null}
        <span className="text-faint">{summary}</span>
      </button>
      {open
        ? entries.map(([k, v]) => <Branch key={k} name={k} value={v} depth={depth + 1} />)
        : null}
    </div>
  );
});

/** A collapsible view of a JSON value. */
export function JsonTree({ value }: { value: Json | undefined }) {
  if (value === undefined) {
    return <div className="font-mono text-xs text-faint">—</div>;
  }
  return (
    <div className="pl-4 font-mono text-xs leading-5">
      <Branch name={null} value={value} depth={0} />
    </div>
  );
}
