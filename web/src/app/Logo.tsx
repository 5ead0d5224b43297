/** The Weft mark: a woven square. */
export function Logo({ size = 36 }: { size?: number }) {
  return (
    <span
      className="flex items-center justify-center rounded-xl bg-accent text-accent-fg shadow-card"
      style={{ width: size, height: size }}
    >
      <svg width={size * 0.55} height={size * 0.55} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
        <path d="M5 8h14M5 12h14M5 16h14" strokeOpacity="0.55" />
        <path d="M8 5v14M12 5v14M16 5v14" strokeDasharray="2.5 2" />
      </svg>
    </span>
  );
}
