import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it('never shows a block that ran as taking 0 ms', () => {
    expect(formatDuration(0)).toBe('< 1 ms');
    expect(formatDuration(0.02)).toBe('< 0.1 ms');
    expect(formatDuration(0.44)).toBe('0.4 ms');
  });

  it('rounds to what a person reads', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(184_000)).toBe('3 min 4 s');
  });

  it('is empty when there is no duration', () => {
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
