import type { ReactNode } from 'react';

/** Only these link targets are made links (no `javascript:` and the like). */
const kSafeLink = /^(https?:\/\/|mailto:)/i;
const kInline = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;

/** Bold, italic, code and links within a line, as React elements (never HTML). */
function inline(text: string): ReactNode[] {
  return text.split(kInline).map((part, i) => {
    if (/^(\*\*|__).+\1$/.test(part)) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (/^`.+`$/.test(part)) return <code key={i} className="rounded bg-black/5 px-1 font-mono text-[0.9em]">{part.slice(1, -1)}</code>;
    if (/^([*_]).+\1$/.test(part)) return <em key={i}>{part.slice(1, -1)}</em>;
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
    if (link) {
      const [, label = '', href = ''] = link;
      return kSafeLink.test(href) ? (
        <a key={i} href={href} target="_blank" rel="noreferrer noopener" className="underline">
          {label}
        </a>
      ) : (
        label
      );
    }
    return part;
  });
}

/**
 * A small, safe Markdown: `#` headings, paragraphs, `-`/`*`/`1.` lists,
 * **bold**, *italic*, `code` and links. Everything is text in React
 * elements, so a note cannot inject markup.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      blocks.push(<p key={blocks.length}>{inline(paragraph.join(' '))}</p>);
      paragraph = [];
    }
    if (list) {
      const items = list.items.map((item, i) => <li key={i}>{inline(item)}</li>);
      blocks.push(
        list.ordered ? (
          <ol key={blocks.length} className="list-decimal pl-5">{items}</ol>
        ) : (
          <ul key={blocks.length} className="list-disc pl-5">{items}</ul>
        ),
      );
      list = null;
    }
  };
  for (const line of text.split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const size = heading[1]?.length === 1 ? 'text-base' : 'text-sm';
      blocks.push(<p key={blocks.length} className={`${size} font-semibold`}>{inline(heading[2] ?? '')}</p>);
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered);
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
    } else if (line.trim() === '') {
      flush();
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return <div className="flex flex-col gap-1.5">{blocks}</div>;
}
