// The frontier screen: the stacked area chart (or Kamradt's rings) beside the cursor year's figures.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { newWorkHighlights } from '../analysis/headline.js';
import type { Analysis } from '../analysis/types.js';
import { swatch } from '../chart/bands.js';
import { formatJobs, formatShare } from '../chart/format.js';
import { renderRings } from '../chart/rings.js';
import { renderStackedArea } from '../chart/stacked-area.js';
import { useAnimatedShares } from './hooks.js';
import { fit } from './text.js';

export type ChartForm = 'area' | 'rings';

export interface FrontierScreenProps {
  analysis: Analysis;
  yearIndex: number;
  form: ChartForm;
  width: number;
  height: number;
  color: boolean;
  animate: boolean;
}

/** The panel beside the chart takes 30% of a wide screen (up to 60 columns), at least 27. */
export function panelWidth(width: number): number {
  return Math.max(27, Math.min(60, Math.floor(width * 0.3)));
}

export function FrontierScreen(props: FrontierScreenProps) {
  const { analysis, width, height, color } = props;
  const years = analysis.frontier.years;
  const point = years[Math.min(props.yearIndex, years.length - 1)];
  const panel = panelWidth(width);
  const chartWidth = Math.max(12, width - panel - 1);
  const area = useMemo(
    () => renderStackedArea(years, { width: chartWidth, height, color, cursorYear: point?.year }).join('\n'),
    [years, chartWidth, height, color, point?.year],
  );
  const maxTotal = useMemo(() => Math.max(1, ...years.map((p) => p.total)), [years]);
  const target = useMemo(() => ({ dark: point?.dark ?? 0, white: point?.white ?? 1, grey: point?.grey ?? 0 }), [point]);
  const shares = useAnimatedShares(target, props.animate && props.form === 'rings');
  const chart = props.form === 'rings' ? renderRings(shares, { width: chartWidth, height, color, maxTotal }).join('\n') : area;

  return (
    <Box flexDirection="row" height={height}>
      <Box width={chartWidth} flexShrink={0}>
        <Text wrap="truncate">{chart}</Text>
      </Box>
      <Box width={1} flexShrink={0} />
      <Box width={panel - 1} flexDirection="column" flexShrink={0}>
        <Text wrap="truncate">{panelLines(analysis, props.yearIndex, { color, height, width: panel - 1 }).join('\n')}</Text>
      </Box>
    </Box>
  );
}

/** The figures beside the chart for the cursor year, then examples of new work in the lines left. */
export function panelLines(analysis: Analysis, yearIndex: number, options: { color: boolean; height?: number; width: number }): string[] {
  const { color, height = Infinity, width: w } = options;
  const { years, params } = analysis.frontier;
  const p = years[Math.min(yearIndex, years.length - 1)];
  if (!p) return ['No frontier: no task has a score.'];
  const row = (label: string, value: string, width = w) => fit(label, width - value.length - 1) + ' ' + value;
  const jobs = params.employment > 0;
  const banded = params.time.model === 'calibrated';
  const offset = p.year - params.baseYear;
  const band = (low: number, high: number) => `${swatch('range', color)} ${row('band', `${formatShare(low)}-${formatShare(high)}`, w - 3)}`;
  const lines = [
    `Year ${p.year}  (${offset < 0 ? offset : `+${offset}`})`,
    `${swatch('dark', color)} ${row('dark displaced', formatShare(p.dark), w - 3)}`,
    ...(banded ? [band(p.darkLow, p.darkHigh)] : []),
    `${swatch('white', color)} ${row('white existing', formatShare(p.white), w - 3)}`,
    `${swatch('grey', color)} ${row('grey new work', formatShare(p.grey), w - 3)}`,
    ...(banded ? [band(p.greyLow, p.greyHigh)] : []),
    row('   total work', formatShare(p.total)),
    ...(banded ? [row('   AI in use', formatShare(p.inUse))] : []),
    '',
  ];
  if (jobs) {
    lines.push(
      fit(`Jobs (of ${formatJobs(params.employment)})`, w),
      row(' displaced', formatJobs(-p.darkJobs, { signed: true })),
      row(' new work', formatJobs(p.greyJobs, { signed: true })),
      row(' net', formatJobs(p.netJobs, { signed: true })),
    );
  } else {
    lines.push(fit('No employment: shares only', w));
  }
  lines.push('', fit(`measure ${params.measure}`, w), fit(`new work ${params.newWork.preset ?? 'custom'}`, w));
  // Under the legacy model there is no band, and room for the preset's rates.
  if (!banded) lines.push(fit(`  rho ${formatShare(params.newWork.rho, 2)}/yr eta ${params.newWork.eta.toFixed(2)}`, w));
  const room = Math.min(height, 40) - lines.length - 2;
  const examples = room > 0 ? newWorkHighlights(analysis, room) : [];
  if (examples.length) lines.push('', fit('New work, e.g.:', w), ...examples.map((e) => fit(`- ${e.text}`, w)));
  return lines;
}
