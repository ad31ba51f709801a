// The view's state and how each key changes it, as one pure reducer. Keys can arrive faster than
// React redraws (a person holding →, tmux send-keys); a reducer always sees the latest state, where
// a key handler closing over the last render's state would drop or misroute them.
import type { Key } from 'ink';
import type { Analysis } from '../analysis/types.js';
import type { ChartForm } from './FrontierScreen.js';
import { nextMeasure, nextPreset, type Scenario } from './scenario.js';
import { occupationRows, queryRows, SORT_KEYS, type OccupationRow, type SortKey } from './table-model.js';

export type Screen = 'frontier' | 'occupations' | 'detail';

export interface ViewState {
  screen: Screen;
  form: ChartForm;
  scenario: Scenario;
  /** Index into the frontier's years; 0 is the base year. */
  yearIndex: number;
  sort: SortKey;
  descending: boolean;
  filter: string;
  /** Typed keys go to the filter. */
  filtering: boolean;
  /** Index into the major groups, -1 for all. */
  groupIndex: number;
  selected: number;
  scroll: number;
  detail: { code: string; scroll: number } | null;
  quit: boolean;
}

/** What the reducer needs to know about the data and the screen. */
export interface ViewEnv {
  analysisFor: (scenario: Scenario) => Analysis;
  groups: readonly { code: string; label: string }[];
  /** Table rows that fit on the screen. */
  pageRows: number;
  /** Lines of the detail screen's body. */
  bodyHeight: number;
  detailLength: (state: ViewState) => number;
}

export interface KeyEvent {
  input: string;
  key: Partial<Key>;
}

export function initialViewState(scenario: Scenario, yearCount: number): ViewState {
  return {
    screen: 'frontier',
    form: 'area',
    scenario,
    yearIndex: Math.floor(Math.max(0, yearCount - 1) / 2),
    sort: 'displaced',
    descending: true,
    filter: '',
    filtering: false,
    groupIndex: -1,
    selected: 0,
    scroll: 0,
    detail: null,
    quit: false,
  };
}

/** The table rows a state shows, filtered and sorted. */
export function visibleRows(state: ViewState, env: Pick<ViewEnv, 'analysisFor' | 'groups'>): OccupationRow[] {
  const analysis = env.analysisFor(state.scenario);
  const group = state.groupIndex >= 0 ? env.groups[state.groupIndex] : undefined;
  return queryRows(occupationRows(analysis, state.yearIndex), {
    sort: state.sort,
    descending: state.descending,
    filter: state.filter,
    majorGroup: group?.code ?? null,
  });
}

export function reduceView(state: ViewState, { input, key }: KeyEvent, env: ViewEnv): ViewState {
  if (state.filtering) return filterKey(state, input, key, env);
  if (input === 'q') return { ...state, quit: true };
  const years = env.analysisFor(state.scenario).frontier.years.length;
  const year = (i: number) => ({ ...state, yearIndex: Math.max(0, Math.min(years - 1, i)) });
  if (key.leftArrow) return year(state.yearIndex - 1);
  if (key.rightArrow) return year(state.yearIndex + 1);
  if (key.home) return year(0);
  if (key.end) return year(years - 1);
  if (input === 'p' || input === 'P') return { ...state, scenario: { ...state.scenario, preset: nextPreset(state.scenario.preset, input === 'p' ? 1 : -1) } };
  if (input === 'm' || input === 'M') return { ...state, scenario: { ...state.scenario, measure: nextMeasure(state.scenario.measure, input === 'm' ? 1 : -1) } };
  if (key.tab) return { ...state, screen: state.screen === 'frontier' ? 'occupations' : 'frontier' };
  if (state.screen === 'frontier') return input === 'r' ? { ...state, form: state.form === 'area' ? 'rings' : 'area' } : state;
  if (state.screen === 'occupations') return tableKey(state, input, key, env);
  return detailKey(state, key, env);
}

function select(state: ViewState, index: number, env: ViewEnv): ViewState {
  const count = visibleRows(state, env).length;
  const selected = Math.max(0, Math.min(count - 1, index));
  const scroll = selected < state.scroll ? selected : selected >= state.scroll + env.pageRows ? selected - env.pageRows + 1 : state.scroll;
  return { ...state, selected, scroll };
}

const top = (state: ViewState): ViewState => ({ ...state, selected: 0, scroll: 0 });

function filterKey(state: ViewState, input: string, key: Partial<Key>, env: ViewEnv): ViewState {
  if (key.escape) return top({ ...state, filter: '', filtering: false });
  if (key.return) return { ...state, filtering: false };
  if (key.upArrow) return select(state, state.selected - 1, env);
  if (key.downArrow) return select(state, state.selected + 1, env);
  if (key.backspace || key.delete) return top({ ...state, filter: state.filter.slice(0, -1) });
  if (input && !key.ctrl && !key.meta && !key.tab) return top({ ...state, filter: state.filter + input });
  return state;
}

function tableKey(state: ViewState, input: string, key: Partial<Key>, env: ViewEnv): ViewState {
  if (key.upArrow) return select(state, state.selected - 1, env);
  if (key.downArrow) return select(state, state.selected + 1, env);
  if (key.pageUp) return select(state, state.selected - env.pageRows, env);
  if (key.pageDown) return select(state, state.selected + env.pageRows, env);
  if (key.return) {
    const row = visibleRows(state, env)[state.selected];
    return row ? { ...state, screen: 'detail', detail: { code: row.code, scroll: 0 } } : state;
  }
  if (input === '/') return { ...state, filtering: true };
  if (key.escape) return top({ ...state, filter: '' });
  if (input === 's' || input === 'S') {
    const i = SORT_KEYS.indexOf(state.sort);
    return top({ ...state, sort: SORT_KEYS[(i + (input === 's' ? 1 : SORT_KEYS.length - 1)) % SORT_KEYS.length]!, descending: true });
  }
  if (input === 'o') return top({ ...state, descending: !state.descending });
  if (input === 'g' || input === 'G') {
    const n = env.groups.length + 1;
    return top({ ...state, groupIndex: ((state.groupIndex + 1 + (input === 'g' ? 1 : n - 1)) % n) - 1 });
  }
  return state;
}

function detailKey(state: ViewState, key: Partial<Key>, env: ViewEnv): ViewState {
  if (!state.detail) return { ...state, screen: 'occupations' };
  if (key.escape || key.backspace || key.delete) return { ...state, screen: 'occupations' };
  const move = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -env.bodyHeight : key.pageDown ? env.bodyHeight : 0;
  if (move === 0) return state;
  const maxScroll = Math.max(0, env.detailLength(state) - env.bodyHeight);
  return { ...state, detail: { ...state.detail, scroll: Math.max(0, Math.min(maxScroll, state.detail.scroll + move)) } };
}
