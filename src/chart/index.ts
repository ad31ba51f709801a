// Pure text charts of the frontier: no terminal, no ink; the `frontier` command and the view both draw with them.
export { renderStackedArea, niceMax, type AreaPoint, type StackedAreaOptions } from './stacked-area.js';
export { renderRings, type RingsOptions } from './rings.js';
export { legend, swatch, BAND_COLOR, BAND_PATTERN, BAND_LABEL, BANDS, type Band, type Shares } from './bands.js';
export { paintRow, padVisible, sideBySide, stripColor, visibleWidth, type Cell } from './paint.js';
export { formatJobs, formatShare } from './format.js';
