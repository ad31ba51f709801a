// The frontier's three areas, and the band of its scenarios, and how each is drawn: a colour when the terminal
// has colour, a distinct pattern when it has not (NO_COLOR), so the areas stay apart either way.

export type Band = 'dark' | 'white' | 'grey';
export const BANDS: readonly Band[] = ['dark', 'white', 'grey'];

/** What a chart cell can show: an area, or `range`, where an edge lies across the scenarios (the band). */
export type Layer = Band | 'range';

/** xterm 256-colour indexes: dark is technology, white existing human work, grey new work; the band a blue-grey. */
export const BAND_COLOR: Readonly<Record<Layer, number>> = {
  dark: 238,
  white: 255,
  grey: 246,
  range: 110,
};

/** Monochrome patterns: solid for dark, dotted for white, shaded for grey, half-shaded for the band. */
export const BAND_PATTERN: Readonly<Record<Layer, string>> = {
  dark: '█',
  white: '·',
  grey: '░',
  range: '▒',
};

export const BAND_LABEL: Readonly<Record<Layer, string>> = {
  dark: 'dark: displaced by technology',
  white: 'white: existing human work',
  grey: 'grey: new work',
  range: 'band: where an edge lies across the scenarios',
};

/** Colour of the cursor year marker. */
export const CURSOR_COLOR = 214;

export interface Shares {
  dark: number;
  white: number;
  grey: number;
}

/** A swatch of a band as it appears in the charts, for legends. */
export function swatch(band: Layer, color: boolean): string {
  return color ? `\u001b[38;5;${BAND_COLOR[band]}m██\u001b[0m` : BAND_PATTERN[band].repeat(2);
}

/** The legend; with `band`, the band's swatch too (for charts whose points carry one). */
export function legend(color: boolean, options: { band?: boolean } = {}): string {
  const layers: Layer[] = options.band ? [...BANDS, 'range'] : [...BANDS];
  return layers.map((b) => `${swatch(b, color)} ${BAND_LABEL[b]}`).join('   ');
}
