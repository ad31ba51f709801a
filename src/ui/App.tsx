// `ai-frontier view`: the frontier (chart or rings) and the occupation browser, driven by keys.
// The app only renders; the analysis and its recomputation come from the caller, and every key goes
// through the pure reducer in view-state.ts.
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { Analysis } from '../analysis/types.js';
import { detailLines } from './detail-lines.js';
import { FrontierScreen, type ChartForm } from './FrontierScreen.js';
import { useTerminalSize, type Size } from './hooks.js';
import { OccupationsScreen, visibleRowCount } from './OccupationsScreen.js';
import { scenarioOf, type Recompute, type Scenario } from './scenario.js';
import { majorGroupsOf, occupationRows } from './table-model.js';
import { fit } from './text.js';
import { initialViewState, reduceView, visibleRows, type KeyEvent, type Screen, type ViewEnv, type ViewState } from './view-state.js';

export interface AppProps {
  analysis: Analysis;
  recompute: Recompute;
  /** Colour, or patterns under NO_COLOR. */
  color: boolean;
  /** A fixed size instead of the terminal's (tests, benchmarks). */
  size?: Size;
  /** Animate the rings between years (off in tests that read single frames). */
  animate?: boolean;
}

const HEADER = 2;
const FOOTER = 2;

export function App(props: AppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const width = size.columns;
  // One spare line: a frame as tall as the terminal makes it scroll on every redraw.
  const bodyHeight = Math.max(6, size.rows - HEADER - FOOTER - 1);

  const analysisFor = useMemo(() => {
    const own = scenarioOf(props.analysis);
    return (scenario: Scenario) => (scenario.preset === own.preset && scenario.measure === own.measure ? props.analysis : props.recompute(scenario));
  }, [props.analysis, props.recompute]);
  const groups = useMemo(() => majorGroupsOf(props.analysis), [props.analysis]);
  const env: ViewEnv = {
    analysisFor,
    groups,
    pageRows: visibleRowCount(bodyHeight),
    bodyHeight,
    detailLength: (s) => (s.detail ? detailLines(analysisFor(s.scenario), s.detail.code, { width: width - 1, yearIndex: s.yearIndex }).length : 0),
  };
  const envRef = useRef(env);
  envRef.current = env;
  const [state, dispatch] = useReducer(
    (s: ViewState, event: KeyEvent) => reduceView(s, event, envRef.current),
    undefined,
    () => initialViewState(scenarioOf(props.analysis), props.analysis.frontier.years.length),
  );

  useInput((input, key) => {
    for (const event of splitTyped(input) ?? [{ input, key }]) dispatch(event);
  });
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const analysis = analysisFor(state.scenario);
  const years = analysis.frontier.years;
  const point = years[Math.min(state.yearIndex, years.length - 1)];
  const group = state.groupIndex >= 0 ? groups[state.groupIndex] : undefined;
  const total = useMemo(() => occupationRows(analysis, 0).length, [analysis]);
  const rows = useMemo(
    () => (state.screen === 'occupations' ? visibleRows(state, { analysisFor, groups }) : []),
    [state.screen, state.scenario, state.yearIndex, state.sort, state.descending, state.filter, state.groupIndex, analysisFor, groups],
  );
  const detailText = useMemo(
    () => (state.screen === 'detail' && state.detail ? detailLines(analysis, state.detail.code, { width: width - 1, yearIndex: state.yearIndex }) : []),
    [state.screen, state.detail?.code, analysis, width, state.yearIndex],
  );

  const { scoredTasks, tasks } = analysis.scorer;
  const coverage = `${scoredTasks.toLocaleString('en-US')} of ${tasks.toLocaleString('en-US')} tasks${scoredTasks < tasks ? ' (PARTIAL)' : ''}`;
  const title = `ai-frontier · ${analysis.dataset.name} · scorer ${analysis.scorer.name}, ${coverage} · ${analysis.frontier.params.measure} · ${state.scenario.preset}`;
  const tabs = ` ${state.screen === 'frontier' ? '[Frontier]' : ' Frontier '}  ${state.screen !== 'frontier' ? '[Occupations]' : ' Occupations '}   year ${point?.year ?? '–'}`;

  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">{fit(title, width)}</Text>
      <Text wrap="truncate">{fit(tabs, width)}</Text>
      {state.screen === 'frontier' ? (
        <FrontierScreen analysis={analysis} yearIndex={state.yearIndex} form={state.form} width={width} height={bodyHeight} color={props.color} animate={props.animate ?? true} />
      ) : state.screen === 'occupations' ? (
        <OccupationsScreen
          rows={rows}
          total={total}
          selected={state.selected}
          scroll={state.scroll}
          width={width}
          height={bodyHeight}
          measure={analysis.frontier.params.measure}
          sort={state.sort}
          descending={state.descending}
          filter={state.filter}
          filtering={state.filtering}
          groupLabel={group?.label ?? 'all'}
          year={point?.year ?? 0}
        />
      ) : (
        <Box flexDirection="column" height={bodyHeight}>
          <Text wrap="truncate">{detailText.slice(state.detail?.scroll ?? 0, (state.detail?.scroll ?? 0) + bodyHeight).join('\n')}</Text>
        </Box>
      )}
      <Text dimColor={props.color} wrap="truncate">{footer(state.screen, state.filtering, state.form, width)}</Text>
    </Box>
  );
}

/**
 * Keys typed faster than the terminal is read arrive as one string ("\t/soft\r"): taken one by one,
 * so each is a key of its own. Escape sequences (arrows) are left to ink.
 */
export function splitTyped(input: string): KeyEvent[] | null {
  const chars = [...input];
  if (chars.length <= 1 || input.includes('\u001b')) return null;
  return chars.flatMap((ch): KeyEvent[] => {
    if (ch === '\r' || ch === '\n') return [{ input: '', key: { return: true } }];
    if (ch === '\t') return [{ input: '', key: { tab: true } }];
    if (ch === '\u007f' || ch === '\b') return [{ input: '', key: { backspace: true } }];
    return ch < ' ' ? [] : [{ input: ch, key: {} }];
  });
}

/** The keys that work on the current screen, in two lines. */
function footer(screen: Screen, filtering: boolean, form: ChartForm, width: number): string {
  // While filtering every letter is typed into the filter, q and p and m too: the keys line says so.
  const common = filtering ? 'letters (q, p, m too) go into the filter until Enter or Esc' : '←→ year  p/P preset  m/M measure  Tab screen  q quit';
  const specific = filtering
    ? 'type to filter  Backspace delete  ↑↓ select  Enter done  Esc clear'
    : screen === 'frontier'
      ? `r ${form === 'area' ? 'rings' : 'area chart'}  Home/End first/last year`
      : screen === 'occupations'
        ? '↑↓ select  Enter open  / filter  s sort  o order  g/G group  Esc clear'
        : '↑↓ PgUp/PgDn scroll  Esc back';
  return [fit(specific, width).trimEnd(), fit(common, width).trimEnd()].join('\n');
}
