// Kamradt's rings for one year: a dark core (technology), a white ring (existing human work) and a
// grey outer ring (new work), each area proportional to its share. Radii follow the square root of the
// cumulative share; `maxTotal` fixes the scale across years so the rings grow and shrink truthfully.
// Terminal cells are about twice as tall as wide: with colour each cell holds two square pixels
// (▀ with foreground the top pixel, background the bottom one); without colour, one pattern per cell.
import { BAND_COLOR, BAND_PATTERN, type Band, type Shares } from './bands.js';
import { paintRow, type Cell } from './paint.js';

export interface RingsOptions {
  width: number;
  height: number;
  color: boolean;
  /** The largest dark + white + grey the rings must hold (across all years shown); default this year's. */
  maxTotal?: number;
}

export function renderRings(shares: Shares, options: RingsOptions): string[] {
  const width = Math.max(3, Math.floor(options.width));
  const height = Math.max(2, Math.floor(options.height));
  const total = shares.dark + shares.white + shares.grey;
  const scale = Math.max(options.maxTotal ?? total, total, 1e-9);
  // Pixel units: one column wide, half a line tall, so square on a 1:2 cell.
  const radius = Math.max(1, Math.min(width / 2, height) - 0.5);
  const r = (share: number) => radius * Math.sqrt(Math.max(0, share) / scale);
  const edges = [r(shares.dark), r(shares.dark + shares.white), r(total)];
  const cx = width / 2;
  const cy = height;
  const bandAt = (x: number, y: number): Band | null => {
    const d = Math.hypot(x - cx, y - cy);
    if (d < edges[0]!) return 'dark';
    if (d < edges[1]!) return 'white';
    if (d < edges[2]!) return 'grey';
    return null;
  };

  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const cells: Cell[] = [];
    for (let col = 0; col < width; col++) {
      const x = col + 0.5;
      if (!options.color) {
        const band = bandAt(x, row * 2 + 1);
        cells.push({ ch: band ? BAND_PATTERN[band] : ' ' });
        continue;
      }
      cells.push(halfBlock(bandAt(x, row * 2 + 0.5), bandAt(x, row * 2 + 1.5)));
    }
    lines.push(paintRow(cells, options.color));
  }
  return lines;
}

function halfBlock(top: Band | null, bottom: Band | null): Cell {
  if (top === bottom) return top ? { ch: '█', fg: BAND_COLOR[top] } : { ch: ' ' };
  if (top === null) return { ch: '▄', fg: BAND_COLOR[bottom!] };
  return { ch: '▀', fg: BAND_COLOR[top], ...(bottom ? { bg: BAND_COLOR[bottom] } : {}) };
}
