// The frontier as a stacked area chart in text: dark at the bottom, white on top of it (dark + white
// = the base-year workforce), grey above (new work). With colour, each boundary is drawn to an
// eighth of a cell with the block elements ▁..▇ (foreground the lower area, background the upper),
// so the chart stays sharp at any size; without colour every cell takes its main area's pattern.
// Points that carry a band draw it as its own layer where each edge lies across the scenarios: from the
// lowest to the highest dark, and from the lowest to the highest grey.
import { BAND_COLOR, BAND_PATTERN, CURSOR_COLOR, type Layer, type Shares } from './bands.js';
import { paintRow, type Cell } from './paint.js';

export interface AreaPoint extends Shares {
  year: number;
  darkLow?: number;
  darkHigh?: number;
  greyLow?: number;
  greyHigh?: number;
}

/** A column's layer tops, bottom up, and what each layer is. */
interface Stack {
  tops: number[];
  layers: Layer[];
}

export interface StackedAreaOptions {
  /** Columns of the whole chart, axis labels included. */
  width: number;
  /** Lines of the whole chart, the two x-axis lines included. */
  height: number;
  color: boolean;
  /** Year marked on the x axis (and with colour, by a line through the chart). */
  cursorYear?: number;
  /** Top of the y axis as a share; default the largest total rounded up to 10%, at least 100%. */
  yMax?: number;
}

const EIGHTHS = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇'];
const LABEL_WIDTH = 5;

export function renderStackedArea(points: readonly AreaPoint[], options: StackedAreaOptions): string[] {
  const width = Math.max(LABEL_WIDTH + 3, Math.floor(options.width));
  const height = Math.max(4, Math.floor(options.height));
  const plotW = width - LABEL_WIDTH - 1;
  const plotH = height - 2;
  if (points.length === 0) return [`${' '.repeat(LABEL_WIDTH)} no frontier to draw: no task has a score`];

  const scale = yScale(options.yMax ?? Math.max(...points.map((p) => p.dark + p.white + Math.max(p.grey, p.greyHigh ?? 0))), plotH, options.yMax !== undefined);
  const yMax = scale.top;
  const columns = Array.from({ length: plotW }, (_, c) => stackAt(points, plotW === 1 ? 0 : (c / (plotW - 1)) * (points.length - 1)));
  const cursorCol = cursorColumn(points, options.cursorYear, plotW);
  const yLabels = yAxisLabels(scale, plotH);

  const lines: string[] = [];
  for (let r = 0; r < plotH; r++) {
    const lo = ((plotH - 1 - r) / plotH) * yMax;
    const hi = ((plotH - r) / plotH) * yMax;
    const label = yLabels.get(r);
    const cells: Cell[] = [...(label ? `${label.padStart(LABEL_WIDTH - 1)} ┤` : `${' '.repeat(LABEL_WIDTH)}│`)].map((ch) => ({ ch }));
    columns.forEach((stack, c) => {
      const cell = options.color ? colorCell(stack, lo, hi) : patternCell(stack, lo, hi);
      cells.push(c === cursorCol && options.color ? cursorCell(cell) : cell);
    });
    lines.push(paintRow(cells, options.color));
  }
  lines.push(...xAxis(points, plotW, cursorCol, options.color));
  return lines;
}

/** Rounds a top total up to the next 10%, never below 100% so the base-year workforce is the reference. */
export function niceMax(total: number): number {
  return Math.max(1, Math.ceil(total * 10 - 1e-9) / 10);
}

const Y_STEPS = [0.1, 0.2, 0.25, 0.5, 1];

/** A tick step that leaves a row between labels, and the top of the axis at a whole step (or as given). */
function yScale(max: number, plotH: number, fixed: boolean): { top: number; step: number } {
  for (const step of Y_STEPS) {
    const top = fixed ? max : Math.max(1, Math.ceil(max / step - 1e-9) * step);
    if ((top / step) * 2 <= plotH) return { top, step };
  }
  const top = fixed ? max : niceMax(max);
  return { top, step: top };
}

/** The layers at a fractional year index, interpolated linearly: dark, white and grey, with the band if any. */
function stackAt(points: readonly AreaPoint[], t: number): Stack {
  const i = Math.min(points.length - 1, Math.floor(t));
  const j = Math.min(points.length - 1, i + 1);
  const f = t - i;
  const mix = (key: keyof Omit<AreaPoint, 'year'>) => (points[i]![key] ?? points[i]!.dark) * (1 - f) + (points[j]![key] ?? points[j]!.dark) * f;
  const dark = mix('dark');
  const base = dark + mix('white');
  const grey = mix('grey');
  const banded = points[i]!.darkLow !== undefined && points[i]!.darkHigh !== undefined;
  if (!banded) return { tops: [dark, base, base + grey], layers: ['dark', 'white', 'grey'] };
  const [darkLow, darkHigh, greyLow, greyHigh] = [mix('darkLow'), mix('darkHigh'), mix('greyLow'), mix('greyHigh')];
  return {
    tops: [darkLow, darkHigh, base, base + greyLow, base + greyHigh],
    layers: ['dark', 'range', 'white', 'grey', 'range'],
  };
}

/** Index of the layer a value falls in, or -1 above the top. */
function layerIndexAt(stack: Stack, value: number): number {
  for (let k = 0; k < stack.tops.length; k++) if (value < stack.tops[k]!) return k;
  return -1;
}

/** Share of the cell [lo, hi) each layer covers. */
function coverage(stack: Stack, lo: number, hi: number): number[] {
  const bottoms = [0, ...stack.tops];
  return stack.tops.map((top, k) => Math.max(0, Math.min(hi, top) - Math.max(lo, bottoms[k]!)) / (hi - lo));
}

function patternCell(stack: Stack, lo: number, hi: number): Cell {
  const cover = coverage(stack, lo, hi);
  const most = Math.max(...cover);
  const empty = 1 - cover.reduce((a, b) => a + b, 0);
  return { ch: most > 0 && most >= empty ? BAND_PATTERN[stack.layers[cover.indexOf(most)]!] : ' ' };
}

/** The layer at the bottom of the cell fills up to where the next one starts, to the nearest eighth. */
function colorCell(stack: Stack, lo: number, hi: number): Cell {
  const lower = layerIndexAt(stack, lo + 1e-12);
  const upper = layerIndexAt(stack, hi - 1e-12);
  const fill = (k: number): Cell => (k >= 0 ? { ch: '█', fg: BAND_COLOR[stack.layers[k]!] } : { ch: ' ' });
  if (lower === upper || lower < 0) return fill(lower);
  const eighths = Math.round(coverage(stack, lo, hi)[lower]! * 8);
  if (eighths <= 0) return fill(upper);
  if (eighths >= 8) return fill(lower);
  return { ch: EIGHTHS[eighths]!, fg: BAND_COLOR[stack.layers[lower]!], ...(upper >= 0 ? { bg: BAND_COLOR[stack.layers[upper]!] } : {}) };
}

/** A thin line in the cursor colour over the cell's area. */
function cursorCell(cell: Cell): Cell {
  if (cell.ch !== '█' && cell.ch !== ' ') return cell;
  return { ch: '│', fg: CURSOR_COLOR, ...(cell.fg !== undefined ? { bg: cell.fg } : {}) };
}

function cursorColumn(points: readonly AreaPoint[], year: number | undefined, plotW: number): number | null {
  if (year === undefined || points.length === 0) return null;
  const index = points.findIndex((p) => p.year === year);
  if (index < 0) return null;
  return points.length === 1 ? 0 : Math.round((index / (points.length - 1)) * (plotW - 1));
}

/** Row -> label for each tick, the top of the axis always labelled. */
function yAxisLabels(scale: { top: number; step: number }, plotH: number): Map<number, string> {
  const labels = new Map<number, string>();
  const rowOf = (v: number) => Math.min(plotH - 1, Math.max(0, Math.round(plotH - (v / scale.top) * plotH - 0.5)));
  for (let v = 0; v <= scale.top + 1e-9; v += scale.step) {
    if (!labels.has(rowOf(v))) labels.set(rowOf(v), `${Math.round(v * 100)}%`);
  }
  labels.set(0, `${Math.round(scale.top * 100)}%`);
  return labels;
}

/** The axis line with ticks and the cursor's ▲, and the year labels under it. */
function xAxis(points: readonly AreaPoint[], plotW: number, cursorCol: number | null, color: boolean): string[] {
  const first = points[0]!.year;
  const last = points[points.length - 1]!.year;
  const span = Math.max(1, last - first);
  const colOf = (year: number) => (points.length === 1 ? 0 : Math.round(((year - first) / span) * (plotW - 1)));
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 250, 500].find((s) => (plotW / (span / s + 1)) >= 6) ?? span;

  const axis: Cell[] = [...`${' '.repeat(LABEL_WIDTH)}└`].map((ch) => ({ ch }));
  const labels = Array.from({ length: plotW }, () => ' ');
  const ticks = new Set<number>();
  for (let year = first; year <= last; year += step) ticks.add(year);
  if (last - [...ticks].pop()! >= step / 2 || ticks.size === 1) ticks.add(last);
  let free = 0;
  for (const year of ticks) {
    const col = colOf(year);
    const text = String(year);
    const start = Math.min(plotW - text.length, Math.max(0, col - Math.floor(text.length / 2)));
    if (start < free) continue;
    [...text].forEach((ch, i) => (labels[start + i] = ch));
    free = start + text.length + 1;
  }
  for (let c = 0; c < plotW; c++) {
    if (c === cursorCol) axis.push({ ch: '▲', ...(color ? { fg: CURSOR_COLOR } : {}) });
    else axis.push({ ch: [...ticks].some((y) => colOf(y) === c) ? '┴' : '─' });
  }
  return [paintRow(axis, color), `${' '.repeat(LABEL_WIDTH + 1)}${labels.join('').trimEnd()}`];
}
