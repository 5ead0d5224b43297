import { CopyButton } from '../../shared/ui/CopyButton';

/** A snippet to copy, in a scrolling box. */
export function CodeBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <section className="flex flex-col gap-1.5" aria-label={label}>
      <div className="flex items-center justify-between">
        <h4 className="text-[11px] font-semibold tracking-wider text-muted uppercase">{label}</h4>
        <CopyButton text={text} />
      </div>
      <pre data-testid={testId} className="overflow-x-auto rounded-lg border border-line bg-surface-2 p-3 font-mono text-[11px] leading-5">
        {text}
      </pre>
    </section>
  );
}
