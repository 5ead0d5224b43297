import { memo } from 'react';

/** Stroke icons drawn for Weft on a 24×24 grid (no icon font, no dependency). */
const paths: Record<string, string> = {
  // block types (the `icon` of a node type)
  type: 'M5 6V4h14v2M12 4v16M9 20h6',
  braces: 'M9 4c-2 0-3 1-3 3v2c0 1.5-1 3-2 3 1 0 2 1.5 2 3v2c0 2 1 3 3 3M15 4c2 0 3 1 3 3v2c0 1.5 1 3 2 3-1 0-2 1.5-2 3v2c0 2-1 3-3 3',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  text: 'M4 6h16M4 10h16M4 14h10M4 18h7',
  shuffle: 'M3 7h4l10 10h4M3 17h4l3-3M14 10l3-3h4M18 4l3 3-3 3M18 14l3 3-3 3',
  'git-branch': 'M6 4v10M6 14a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM18 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM18 10c0 4-12 2-12 4',
  split: 'M4 12h6M10 12l5-6h5M10 12l5 6h5M10 12h10',
  merge: 'M4 6h5l5 6h6M4 18h5l5-6',
  repeat: 'M4 11V9a3 3 0 0 1 3-3h12M16 3l3 3-3 3M20 13v2a3 3 0 0 1-3 3H5M8 21l-3-3 3-3',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM12 7v5l3 2',
  globe: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9M12 3C9.5 5.5 8.5 8.5 8.5 12s1 6.5 3.5 9',
  'log-out': 'M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M4 12h11M11 8l4 4-4 4',
  'file-text': 'M6 3h8l4 4v14H6ZM14 3v4h4M9 12h6M9 16h6',
  sparkles: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8ZM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8Z',
  database: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3ZM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  tags: 'M3 12V4h8l9 9-8 8ZM7.5 7.5h.01',
  table: 'M4 5h16v14H4ZM4 10h16M4 15h16M10 5v14',
  mail: 'M3 6h18v12H3ZM3 6l9 7 9-7',
  box: 'M12 3l8 4.5v9L12 21l-8-4.5v-9ZM4 7.5l8 4.5 8-4.5M12 12v9',
  // interface
  play: 'M7 4v16l13-8Z',
  save: 'M5 4h11l3 3v13H5ZM8 4v5h7V4M8 20v-6h8v6',
  undo: 'M9 14l-5-5 5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  copy: 'M9 9h11v11H9ZM5 15H4V4h11v1',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14ZM20 20l-4-4',
  pin: 'M9 4h6M10 4v6l-3 4h10l-3-4V4M12 14v7',
  x: 'M6 6l12 12M18 6L6 18',
  'chevron-down': 'M6 9l6 6 6-6',
  'chevron-right': 'M9 6l6 6-6 6',
  'chevron-left': 'M15 6l-6 6 6 6',
  history: 'M3 12a9 9 0 1 0 3-6.7M3 4v4h4M12 8v4l3 2',
  code: 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  layout: 'M4 5h6v5H4ZM14 14h6v5h-6ZM7 10v4a2 2 0 0 0 2 2h5M14 5h6v5h-6ZM17 10v4',
  maximize: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  check: 'M5 12l5 5 9-10',
  alert: 'M12 3l10 18H2ZM12 10v5M12 18h.01',
  plus: 'M12 5v14M5 12h14',
  activity: 'M3 12h4l3-8 4 16 3-8h4',
  workflow: 'M4 4h6v6H4ZM14 14h6v6h-6ZM10 7h4a3 3 0 0 1 3 3v4',
  edit: 'M4 20h4L19 9l-4-4L4 16ZM13 7l4 4',
  refresh: 'M20 11a8 8 0 0 0-14-5l-2 2M4 4v4h4M4 13a8 8 0 0 0 14 5l2-2M20 20v-4h-4',
  stop: 'M6 6h12v12H6Z',
  'arrow-left': 'M19 12H5M11 6l-6 6 6 6',
  zap: 'M13 2L4 14h7l-1 8 9-12h-7Z',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  skip: 'M5 5l9 7-9 7ZM18 5v14',
  terminal: 'M4 5h16v14H4ZM7 9l3 3-3 3M12 15h5',
  dot: 'M12 11a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z',
  key: 'M8 14a4 4 0 1 1 2.8-6.8L21 17v3h-3v-2h-2v-2h-2l-3.2-3.2A4 4 0 0 1 8 14Z',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7M22 21v-1a6 6 0 0 0-4-5.6',
  settings: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM12 2v3M12 19v3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M2 12h3M19 12h3M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1',
  lock: 'M5 11h14v10H5ZM8 11V7a4 4 0 0 1 8 0v4',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12ZM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z',
};

export type IconName = keyof typeof paths;

export const Icon = memo(function Icon({
  name,
  size = 16,
  className,
  title,
}: {
  name: string;
  size?: number;
  className?: string;
  title?: string;
}) {
  const d = paths[name] ?? paths.box;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      <path d={d} />
    </svg>
  );
});
