import type { ReactNode } from 'react';

/** A list page: a header with title, one line of help and an action, then the body. */
export function Page({ title, description, action, children }: { title: string; description: ReactNode; action?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex h-full flex-col overflow-y-auto">
      <header className="flex items-center justify-between gap-4 border-b border-line bg-surface px-8 py-5">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-0.5 text-sm text-muted">{description}</p>
        </div>
        {action}
      </header>
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-8 py-6">{children}</div>
    </div>
  );
}

/** A bordered table with a header row. */
export function Table({ head, children, label }: { head: string[]; children: ReactNode; label: string }) {
  return (
    <div className="overflow-hidden rounded-2xl border border-line bg-surface shadow-card">
      <table className="w-full text-sm" aria-label={label}>
        <thead>
          <tr className="border-b border-line text-left text-xs font-medium tracking-wide text-muted uppercase">
            {head.map((h, i) => (
              <th key={h || i} className="px-5 py-2.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">{children}</tbody>
      </table>
    </div>
  );
}
