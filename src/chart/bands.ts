// The frontier's three areas and how each is drawn: a colour when the terminal has colour,
// a distinct pattern when it has not (NO_COLOR), so the areas stay apart either way.

export type Band = 'dark' | 'white' | 'grey';
export const BANDS: readonly Band[] = ['dark', 'white', 'grey'];

/** xterm 256-colour indexes: dark is technology, white existing human work, grey new work. */
export const BAND_COLOR: Readonly<Record<Band, number>> = {
  dark: 238,
  white: 255,
  grey: 246,
};

/** Monochrome patterns: solid for dark, dotted for white, shaded for grey. */
export const BAND_PATTERN: Readonly<Record<Band, string>> = {
  dark: '█',
  white: '·',
  grey: '░',
};

export const BAND_LABEL: Readonly<Record<Band, string>> = {
  dark: 'dark: displaced by technology',
  white: 'white: existing human work',
  grey: 'grey: new work',
};

/** Colour of the cursor year marker. */
export const CURSOR_COLOR = 214;

export interface Shares {
  dark: number;
  white: number;
  grey: number;
}

/** A swatch of a band as it appears in the charts, for legends. */
export function swatch(band: Band, color: boolean): string {
  return color ? `\u001b[38;5;${BAND_COLOR[band]}m██\u001b[0m` : BAND_PATTERN[band].repeat(2);
}

export function legend(color: boolean): string {
  return BANDS.map((b) => `${swatch(b, color)} ${BAND_LABEL[b]}`).join('   ');
}
