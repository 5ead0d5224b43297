/** What a number field holds: nothing, a number within its bounds, or why it is neither. */
export type NumberEntry = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; error: string };

export interface NumberBounds {
  min: number;
  max: number;
  /** Whole numbers only (the default); otherwise decimals such as `1.5` too. */
  integer?: boolean;
}

const kWhole = /^-?\d+$/;
const kDecimal = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** `10000` → `10,000`, as the bounds are written in help texts and errors. */
export const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * Reads a typed number against its bounds. A strict pattern, not `Number()`,
 * which would take `0x10`, `1e3` and `Infinity`. Example:
 * `readNumber('300', { min: 1, max: 256 })` → `{ kind: 'invalid', error: 'Enter a whole number from 1 to 256.' }`.
 */
export function readNumber(text: string, { min, max, integer = true }: NumberBounds): NumberEntry {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const value = Number(trimmed);
  const shaped = (integer ? kWhole : kDecimal).test(trimmed);
  if (!shaped || !Number.isFinite(value) || value < min || value > max) {
    return { kind: 'invalid', error: `Enter a ${integer ? 'whole ' : ''}number from ${grouped(min)} to ${grouped(max)}.` };
  }
  return { kind: 'number', value };
}
