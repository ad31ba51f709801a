// The standalone HTML report: one file with inline CSS and inline SVG, no scripts and no external URL,
// so it opens offline, in a mail attachment or an archive, exactly as it was written.
import type { Analysis } from '../../analysis/types.js';
import { frontierChart, ringsChart, SERIES, SERIES_LABELS } from './charts.js';
import { html, raw } from './format.js';
import { methodSection } from './method.js';
import { groupsSection, header, headline, headlinePoints, newWorkSection, occupationLists } from './sections.js';
import { STYLE } from './style.js';

export { escapeHtml, formatCount, formatShare, formatSignedCount } from './format.js';
export { headlinePoints } from './sections.js';

export interface HtmlOptions {
  /** Years after the base year drawn as rings and listed in the headline; default +0, +5, +10 and the horizon. */
  ringOffsets?: readonly number[];
}

// No network at all: the policy blocks every fetch even if a future edit adds a URL by mistake.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderHtml(analysis: Analysis, options: HtmlOptions = {}): string {
  const points = headlinePoints(analysis, options.ringOffsets);
  const { params } = analysis.frontier;
  const legend = SERIES.map((s) => html`<li><span class="swatch ${s}"></span>${SERIES_LABELS[s]} (${s})</li>`);
  const banded = params.time.model === 'calibrated';
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="ai-frontier ${analysis.toolVersion}">
<title>AI frontier: ${analysis.dataset.name}, ${analysis.scorer.name}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
${header(analysis)}
${headline(analysis, points)}
<section id="frontier" aria-labelledby="frontier-title">
  <h2 id="frontier-title">The frontier, ${params.firstYear} to ${params.horizonYear}</h2>
  <p class="note">Technology (dark) grows into existing human work (white); new work (grey) grows on top. Shares of the ${params.baseYear} workforce, measure ${params.measure}.${banded ? ' The shaded band over each edge is its range over the scenarios (AI capability slow or fast, adoption slow or fast, observed use low or high).' : ''}</p>
  ${raw(frontierChart(analysis.frontier.years))}
  <ul class="legend">${legend}${banded ? html`<li><span class="swatch band"></span>Range over the scenarios (band)</li>` : ''}</ul>
</section>
<section id="rings" aria-labelledby="rings-title">
  <h2 id="rings-title">Kamradt's rings</h2>
  <p class="note">The same frontier for chosen years: a dark core of displaced work, the white ring of existing work and the grey ring of new work. Areas are proportional to shares, on one scale across years.</p>
  ${raw(ringsChart(points))}
</section>
${occupationLists(analysis)}
${groupsSection(analysis)}
${newWorkSection(analysis)}
${methodSection(analysis)}
<footer>Made with ai-frontier ${analysis.toolVersion} on ${analysis.generatedAt.slice(0, 10)}. Every figure is in the CSV and JSON files exported beside this report.</footer>
</main>
</body>
</html>
`;
  return page.text;
}

