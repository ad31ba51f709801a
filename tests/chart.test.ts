import { describe, expect, it } from 'vitest';
import { legend, renderRings, renderStackedArea, stripColor, visibleWidth, type AreaPoint } from '../src/chart/index.js';

// Dark grows from 0 to 40% along a logistic curve; grey follows at 0.6 of dark plus a little base growth.
const points: AreaPoint[] = Array.from({ length: 21 }, (_, i) => {
  const dark = 0.4 / (1 + Math.exp(-(i - 10) * 0.5)) - 0.4 / (1 + Math.exp(5));
  return { year: 2026 + i, dark, white: 1 - dark, grey: 0.6 * dark + 0.004 * i };
});

const count = (lines: string[], ch: string) => lines.join('').split(ch).length - 1;

describe('renderStackedArea', () => {
  it('fills exactly the size asked for, with the y axis in % and the years on the x axis', () => {
    for (const [width, height] of [[50, 14], [120, 40]] as const) {
      const lines = renderStackedArea(points, { width, height, color: false });
      expect(lines).toHaveLength(height);
      for (const line of lines.slice(0, -1)) expect(visibleWidth(line)).toBe(width);
      expect(lines[0]).toMatch(/^ *1\d0% ┤/);
      expect(lines.find((l) => l.includes('100% ┤'))).toBeDefined();
      expect(lines[height - 3]).toMatch(/^ {2}0% ┤/);
      expect(lines[height - 1]).toContain('2026');
      expect(lines[height - 1]).toContain('2046');
    }
  });

  it('draws dark under white under grey, dark growing over the years (patterns without colour)', () => {
    const lines = renderStackedArea(points, { width: 60, height: 20, color: false });
    const bottom = lines[17]!; // the lowest plot row
    expect(bottom.slice(6, 12)).toBe('······'); // base year: no dark yet, white reaches the floor
    expect(bottom.slice(-6)).toBe('██████'); // horizon: dark at the bottom
    const lastColumn = lines.slice(0, 18).map((l) => l.at(-1)).join('');
    // Top to bottom at the horizon: empty, grey, white, dark, in that order and each present.
    expect(lastColumn).toMatch(/^ *░+·+█+$/);
    expect(count(lines, '█')).toBeGreaterThan(50);
  });

  it('marks the cursor year on the x axis', () => {
    const lines = renderStackedArea(points, { width: 60, height: 20, color: false, cursorYear: 2036 });
    const axis = lines[18]!;
    expect(axis).toContain('▲');
    // 2036 is the middle of 2026..2046: the marker sits in the middle of the plot.
    const col = axis.indexOf('▲') - 6;
    expect(Math.abs(col - 53 / 2)).toBeLessThanOrEqual(1);
  });

  it('with colour draws sharp boundaries with eighth blocks and coloured cells', () => {
    const lines = renderStackedArea(points, { width: 60, height: 20, color: true, cursorYear: 2030 });
    const text = lines.join('\n');
    expect(text).toMatch(/\u001b\[38;5;\d+m/);
    expect(text).toMatch(/[▁▂▃▄▅▆▇]/);
    expect(stripColor(lines[5]!)).toHaveLength(60);
  });

  it('says so when there is nothing to draw', () => {
    expect(renderStackedArea([], { width: 40, height: 10, color: false }).join('')).toContain('no frontier');
  });
});

describe('renderRings', () => {
  const shares = { dark: 0.25, white: 0.75, grey: 0.5 };

  it('draws a dark core inside a white ring inside a grey ring, with areas proportional to the shares', () => {
    const lines = renderRings(shares, { width: 60, height: 30, color: false });
    expect(lines).toHaveLength(30);
    const middle = lines[15]!;
    expect(middle.trim()).toMatch(/^░+·+█+·+░+$/);
    const dark = count(lines, '█');
    const white = count(lines, '·');
    const grey = count(lines, '░');
    // Each cell is about two units tall, so cell counts are proportional to areas.
    expect(white / dark).toBeCloseTo(3, 0);
    expect(grey / dark).toBeCloseTo(2, 0);
  });

  it('keeps one scale across years: a smaller total draws smaller rings', () => {
    const big = renderRings(shares, { width: 40, height: 20, color: false, maxTotal: 1.5 });
    const small = renderRings({ dark: 0, white: 1, grey: 0 }, { width: 40, height: 20, color: false, maxTotal: 1.5 });
    const filled = (lines: string[]) => lines.join('').replace(/ /g, '').length;
    expect(filled(small) / filled(big)).toBeCloseTo(1 / 1.5, 1);
    expect(count(small, '█')).toBe(0);
  });

  it('uses half blocks for square pixels with colour', () => {
    const lines = renderRings(shares, { width: 40, height: 20, color: true });
    expect(lines.join('')).toMatch(/[▀▄]/);
    for (const line of lines) expect(visibleWidth(line)).toBe(40);
  });
});

describe('legend', () => {
  it('names the three areas with distinct patterns without colour', () => {
    const text = legend(false);
    expect(text).toContain('██ dark');
    expect(text).toContain('·· white');
    expect(text).toContain('░░ grey');
  });
});
