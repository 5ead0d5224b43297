import { describe, expect, it } from 'vitest';
import { readNumber } from './boundedNumber';

describe('readNumber', () => {
  it('takes numbers within the bounds, whole ones unless told otherwise', () => {
    expect(readNumber(' 42 ', { min: 1, max: 10_000 })).toEqual({ kind: 'number', value: 42 });
    expect(readNumber('-1000', { min: -1000, max: 1000 })).toEqual({ kind: 'number', value: -1000 });
    expect(readNumber('1.5', { min: 1, max: 86_400, integer: false })).toEqual({ kind: 'number', value: 1.5 });
    expect(readNumber('', { min: 1, max: 2 })).toEqual({ kind: 'empty' });
  });

  it('says what it wants for anything else', () => {
    const wanted = { kind: 'invalid', error: 'Enter a whole number from 1 to 10,000.' };
    for (const text of ['0', '10001', '1.5', '0x10', '1e3', 'Infinity', 'two']) {
      expect(readNumber(text, { min: 1, max: 10_000 }), text).toEqual(wanted);
    }
    expect(readNumber('0.5', { min: 1, max: 86_400, integer: false })).toEqual({ kind: 'invalid', error: 'Enter a number from 1 to 86,400.' });
  });
});
