// The occupations screen: a status line (filter, group, sort), the column header and a window of rows.
import { Box, Text } from 'ink';
import type { FrontierMeasure } from '../frontier/types.js';
import { sortLabel, type OccupationRow, type SortKey } from './table-model.js';
import { tableLines } from './table-lines.js';
import { fit } from './text.js';

export interface OccupationsScreenProps {
  rows: readonly OccupationRow[];
  total: number;
  selected: number;
  scroll: number;
  width: number;
  height: number;
  measure: FrontierMeasure;
  sort: SortKey;
  descending: boolean;
  filter: string;
  filtering: boolean;
  groupLabel: string;
  year: number;
}

/** Rows of the table that fit under the status line and the header. */
export function visibleRowCount(height: number): number {
  return Math.max(1, height - 2);
}

/** Count, sort, filter and group in one line that fits: the group's name gives way first, then the rest
 * is cut, so the count and the sort stay in view at 80 columns. */
export function statusLine(props: Pick<OccupationsScreenProps, 'rows' | 'total' | 'sort' | 'measure' | 'descending' | 'filter' | 'filtering' | 'groupLabel' | 'year' | 'width'>): string {
  const filter = props.filtering ? `filter: ${props.filter}▏` : props.filter ? `filter: ${props.filter}` : 'filter: / to type';
  const head = `${props.rows.length.toLocaleString('en-US')}/${props.total.toLocaleString('en-US')}  sort: ${sortLabel(props.sort, props.measure)} ${props.descending ? '▼' : '▲'} (jobs by ${props.year})  ${filter}  group: `;
  const room = props.width - [...head].length;
  return fit(head + fit(props.groupLabel, Math.max(room, 8)).trimEnd(), props.width);
}

export function OccupationsScreen(props: OccupationsScreenProps) {
  const { width } = props;
  // Only the rows on screen are laid out: the full release has a thousand.
  const layout = tableLines(props.rows.slice(props.scroll, props.scroll + visibleRowCount(props.height)), {
    width: width - 2,
    measure: props.measure,
    sort: props.sort,
    descending: props.descending,
  });
  const shown = layout.rows;
  const status = statusLine(props);
  return (
    <Box flexDirection="column" height={props.height}>
      <Text wrap="truncate">{status}</Text>
      <Text bold wrap="truncate">{`  ${layout.header}`}</Text>
      {shown.length === 0 ? <Text>  No occupation matches.</Text> : null}
      {shown.map((line, i) => {
        const selected = props.scroll + i === props.selected;
        return (
          <Text key={props.rows[props.scroll + i]!.code} inverse={selected} wrap="truncate">
            {`${selected ? '›' : ' '} ${line}`}
          </Text>
        );
      })}
    </Box>
  );
}
