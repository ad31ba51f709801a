// Counts in the notes and statements are written without Intl (src/count-text.ts): the text must be exactly
// what toLocaleString('en-US') writes, which the notes used before and readers see in every report.
import { describe, expect, it } from 'vitest';
import { countText } from '../src/count-text.js';

describe('countText', () => {
  it('groups thousands with commas as en-US does', () => {
    expect(countText(0)).toBe('0');
    expect(countText(999)).toBe('999');
    expect(countText(1000)).toBe('1,000');
    expect(countText(18_796)).toBe('18,796');
    expect(countText(154_000_000)).toBe('154,000,000');
    expect(countText(-1234)).toBe('-1,234');
  });

  it('writes the same text as Math.round(value).toLocaleString("en-US") across magnitudes, signs and halves', () => {
    const values = [-0, 0.5, -0.5, 1.5, 2.5, 999.5, -999.5, 2 ** 53, 1e21, Infinity, -Infinity, NaN];
    for (let digits = 1; digits <= 16; digits++) {
      for (const lead of [1, 4, 9]) {
        const value = lead * 10 ** (digits - 1) + (digits > 1 ? 10 ** (digits - 2) + 7 : 0);
        values.push(value, -value, value + 0.49, value - 0.5);
      }
    }
    for (const value of values) expect(countText(value), String(value)).toBe(Math.round(value).toLocaleString('en-US'));
  });
});
