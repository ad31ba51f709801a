// The frontier drawn as inline SVG: a stacked area chart over the years, and Kamradt's rings for chosen
// years. Built from numbers only (no text from the data goes into the SVG unescaped), with no scripts.
import type { FrontierPoint } from '../../frontier/types.js';
import { escapeHtml, formatShare } from './format.js';

export const SERIES = ['dark', 'white', 'grey'] as const;
export type Series = (typeof SERIES)[number];

export const SERIES_LABELS: Record<Series, string> = {
  dark: 'Technology: displaced work',
  white: 'Existing human work',
  grey: 'New work',
};

const WIDTH = 800;
const HEIGHT = 380;
const MARGIN = { top: 16, right: 32, bottom: 44, left: 80 };

/** Coordinates with two decimals: exact enough for any screen, short enough for 500-year series. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function yearStep(span: number): number {
  if (span <= 10) return 1;
  if (span <= 30) return 5;
  if (span <= 100) return 10;
  return Math.ceil(span / 100) * 25;
}

/**
 * Stacked areas with the base-year workforce as the unit: dark from 0 up to D, white from D up to 1
 * (D + W = 1), grey from 1 up to 1 + G. The y axis reads "share of base-year employment".
 */
export function frontierChart(years: readonly FrontierPoint[]): string {
  if (years.length === 0) return '<p class="empty">No frontier: no task has a score.</p>';
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const span = Math.max(last - first, 1);
  const top = Math.max(1, ...years.map((p) => p.dark + p.white + Math.max(p.grey, p.greyHigh)));
  const yMax = Math.ceil(top * 10 - 1e-9) / 10;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (year: number) => MARGIN.left + ((year - first) / span) * plotW;
  const y = (share: number) => MARGIN.top + plotH - (share / yMax) * plotH;
  // A single year still gets a visible band, one plot wide.
  const points = years.length === 1 ? [years[0]!, { ...years[0]!, year: first + 1 }] : years;

  const band = (lower: (p: FrontierPoint) => number, upper: (p: FrontierPoint) => number): string => {
    const upperEdge = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.year))},${n(y(upper(p)))}`);
    const lowerEdge = [...points].reverse().map((p) => `L${n(x(p.year))},${n(y(lower(p)))}`);
    return `${upperEdge.join('')}${lowerEdge.join('')}Z`;
  };
  const areas: Record<Series, string> = {
    dark: band(() => 0, (p) => p.dark),
    white: band((p) => p.dark, (p) => p.dark + p.white),
    grey: band((p) => p.dark + p.white, (p) => p.dark + p.white + p.grey),
  };
  // The scenarios' band, shaded over each edge: from the lowest to the highest dark, and the same for grey.
  const hasBand = points.some((p) => p.darkHigh > p.darkLow || p.greyHigh > p.greyLow);
  const bands = hasBand
    ? [
        `<path id="band-dark" class="band" data-series="dark-band" d="${band((p) => p.darkLow, (p) => p.darkHigh)}"><title>Range of dark over the scenarios</title></path>`,
        `<path id="band-grey" class="band" data-series="grey-band" d="${band((p) => p.dark + p.white + p.greyLow, (p) => p.dark + p.white + p.greyHigh)}"><title>Range of grey over the scenarios</title></path>`,
      ]
    : [];
  const frontierLine = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.year))},${n(y(p.dark))}`).join('');

  const yTicks: string[] = [];
  const yStep = yMax > 1.2 ? 0.2 : 0.1;
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    const ty = n(y(v));
    yTicks.push(
      `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}"/>` +
        `<text class="tick" x="${MARGIN.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle">${Math.round(v * 100)}%</text>`,
    );
  }
  const xTicks: string[] = [];
  const step = yearStep(span);
  for (let year = first; year <= last; year += step) xTicks.push(xTick(year));
  if ((last - first) % step !== 0 && last - first > step / 2) xTicks.push(xTick(last));
  function xTick(year: number): string {
    const tx = n(x(year));
    return (
      `<line class="axis" x1="${tx}" x2="${tx}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 5}"/>` +
      `<text class="tick" x="${tx}" y="${MARGIN.top + plotH + 9}" text-anchor="middle" dominant-baseline="hanging">${year}</text>`
    );
  }

  const summary = `Frontier ${first} to ${last}: displaced work ${formatShare(years[years.length - 1]!.dark)}, new work ${formatShare(years[years.length - 1]!.grey)} of base-year employment by ${last}.`;
  return [
    `<svg id="frontier-chart" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="frontier-chart-title" preserveAspectRatio="xMidYMid meet">`,
    `<title id="frontier-chart-title">${escapeHtml(summary)}</title>`,
    `<rect class="plot" x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/>`,
    ...yTicks,
    ...SERIES.map((s) => `<path id="frontier-${s}" class="area ${s}" data-series="${s}" d="${areas[s]}"><title>${escapeHtml(SERIES_LABELS[s])}</title></path>`),
    ...bands,
    `<path class="frontier-line" d="${frontierLine}"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(0))}" y2="${n(y(0))}"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${n(y(0))}"/>`,
    ...xTicks,
    `<text class="axis-label" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">Year</text>`,
    `<text class="axis-label" transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">Share of base-year employment</text>`,
    '</svg>',
  ].join('\n');
}

const RING_SIZE = 220;
const RING_MAX_RADIUS = 100;

/**
 * Kamradt's rings: a dark core, the white ring of existing work around it and the grey ring of new work
 * outside. Areas are proportional to shares (radius ∝ √ of the cumulative share), and every ring set is
 * drawn on one scale, the largest total among the years shown, so sizes compare across years.
 */
export function ringsChart(points: readonly FrontierPoint[]): string {
  const maxTotal = Math.max(1, ...points.map((p) => p.dark + p.white + p.grey));
  const radius = (cumulative: number) => RING_MAX_RADIUS * Math.sqrt(Math.max(cumulative, 0) / maxTotal);
  const c = RING_SIZE / 2;
  const figures = points.map((p) => {
    const radii: Record<Series, number> = {
      dark: radius(p.dark),
      white: radius(p.dark + p.white),
      grey: radius(p.dark + p.white + p.grey),
    };
    const label = `${p.year}: displaced ${formatShare(p.dark)}, existing ${formatShare(p.white)}, new ${formatShare(p.grey)}`;
    // Drawn outside in, so each smaller circle sits on top of the larger one.
    const circles = (['grey', 'white', 'dark'] as const).map(
      (s) => `<circle class="ring ${s}" data-series="${s}" cx="${c}" cy="${c}" r="${radii[s].toFixed(3)}"/>`,
    );
    return [
      `<figure class="rings-figure">`,
      `<svg class="rings" viewBox="0 0 ${RING_SIZE} ${RING_SIZE}" role="img" aria-label="${escapeHtml(label)}">`,
      `<g class="ring-set" data-year="${p.year}">${circles.join('')}</g>`,
      '</svg>',
      `<figcaption><strong>${p.year}</strong><span class="dark-text">${formatShare(p.dark)} displaced</span>` +
        `<span>${formatShare(p.white)} existing</span><span>${formatShare(p.grey)} new</span></figcaption>`,
      '</figure>',
    ].join('');
  });
  return `<div class="rings-row">${figures.join('\n')}</div>`;
}
