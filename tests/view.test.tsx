import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';
import type { Analysis } from '../src/analysis/types.js';
import { resolveDataset } from '../src/data/resolve.js';
import { AUTOMATION_LEVELS, EXPOSURE_LEVELS, MODES, type TaskScore } from '../src/score/types.js';
import { App } from '../src/ui/App.js';
import { recomputeFrom } from '../src/ui/scenario.js';
import { renderStaticView } from '../src/ui/static-view.js';
import { occupationRows, queryRows } from '../src/ui/table-model.js';

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';
const DOWN = '\u001B[B';
const TAB = '\t';
const ENTER = '\r';
const ESC = '\u001B';

/** Deterministic scores by task index: every exposure, automation level, mode and several horizons, each
 * exposure with each mode (so some exposed tasks are automated). */
async function sampleAnalysis(): Promise<Analysis> {
  const dataset = await resolveDataset('sample', { env: {}, cwd: process.cwd() });
  const scores: TaskScore[] = dataset.tasks.map((task, i) => ({
    taskId: task.id,
    occupationCode: task.occupationCode,
    exposure: EXPOSURE_LEVELS[(i * 7) % 3]!,
    automation: AUTOMATION_LEVELS[i % 5]!,
    mode: MODES[Math.floor(i / 3) % 3]!,
    horizon: 2026 + (i % 9),
    confidence: 0.5 + (i % 5) / 10,
    rationale: `test rationale for task ${task.id}`,
    scorer: 'test',
  }));
  return analyze({ dataset, scores, scorer: 'test', frontier: { baseYear: 2026 }, toolVersion: 'test' });
}

let analysis: Analysis;
beforeAll(async () => {
  analysis = await sampleAnalysis();
});

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

async function press(stdin: { write: (s: string) => void }, ...keys: string[]) {
  for (const key of keys) {
    stdin.write(key);
    await tick();
  }
}

function open(options: { columns?: number; rows?: number; color?: boolean } = {}) {
  const view = render(
    <App
      analysis={analysis}
      recompute={recomputeFrom(analysis)}
      color={options.color ?? false}
      size={{ columns: options.columns ?? 80, rows: options.rows ?? 24 }}
      animate={false}
    />,
  );
  const frame = () => view.lastFrame() ?? '';
  return { ...view, frame };
}

/** The figure after a label in the panel beside the chart ("dark displaced   12.3%"). */
const figure = (frame: string, label: string) => frame.match(new RegExp(`${label} +([-+\\d.,%kM]+)`))?.[1];

describe('view: frontier screen', () => {
  it('draws the chart with its axes, the cursor year and its figures at 80x24', async () => {
    const view = open();
    await tick();
    const frame = view.frame();
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toContain('[Frontier]');
    expect(frame).toMatch(/100% ┤/);
    expect(frame).toContain('2026');
    expect(frame).toContain('2046');
    expect(frame).toContain('▲');
    expect(frame).toContain('Year 2036');
    expect(frame).toMatch(/░/); // grey, as a pattern without colour
    expect(frame).toMatch(/█/); // dark
    expect(frame).toContain('q quit');
    expect(frame).toContain('New work, e.g.:');
    view.unmount();
  });

  it('moves the cursor year with the arrow keys and the figures follow', async () => {
    const view = open();
    await tick();
    // From the base year, where the frontier still moves fast (it levels off later).
    await press(view.stdin, ...Array<string>(10).fill(LEFT));
    expect(view.frame()).toContain('Year 2026');
    const before = figure(view.frame(), 'dark displaced');
    await press(view.stdin, RIGHT, RIGHT);
    expect(view.frame()).toContain('Year 2028');
    const after = figure(view.frame(), 'dark displaced');
    expect(Number.parseFloat(after!)).toBeGreaterThan(Number.parseFloat(before!));
    const jobs = analysis.frontier.years[2]!;
    expect(view.frame()).toContain(`${(jobs.dark * 100).toFixed(1)}%`);
    await press(view.stdin, LEFT, LEFT, LEFT);
    expect(view.frame()).toContain('Year 2026');
    view.unmount();
  });

  it('draws Kamradt rings for the cursor year with r, and they grow as the year moves', async () => {
    const view = open();
    await tick();
    await press(view.stdin, ...Array<string>(10).fill(LEFT), 'r');
    const darkCells = (frame: string) => frame.split('\n').map((l) => l.slice(0, 50)).join('').split('█').length;
    const at2026 = darkCells(view.frame());
    expect(view.frame()).not.toContain('100% ┤');
    expect(view.frame()).toMatch(/·+█+·+/);
    await press(view.stdin, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT);
    expect(darkCells(view.frame())).toBeGreaterThan(at2026);
    await press(view.stdin, 'r');
    expect(view.frame()).toContain('100% ┤');
    view.unmount();
  });

  it('switches preset and measure live, and the figures recompute', async () => {
    const view = open();
    await tick();
    const grey = figure(view.frame(), 'grey new work');
    await press(view.stdin, 'p', 'p'); // acemoglu-restrepo-1987-2016 -> autor-new-titles -> none
    expect(view.frame()).toContain('· none');
    expect(figure(view.frame(), 'grey new work')).toBe('0.0%');
    expect(grey).not.toBe('0.0%');
    const dark = figure(view.frame(), 'dark displaced');
    await press(view.stdin, 'm');
    expect(view.frame()).toContain('measure zeta');
    expect(Number.parseFloat(figure(view.frame(), 'dark displaced')!)).toBeGreaterThan(Number.parseFloat(dark!));
    view.unmount();
  });

  it('redraws at a larger size with a wider chart', async () => {
    const small = open();
    const large = open({ columns: 160, rows: 48 });
    await tick();
    expect(large.frame().split('\n').length).toBeGreaterThan(small.frame().split('\n').length + 20);
    expect(Math.max(...large.frame().split('\n').map((l) => l.length))).toBeGreaterThan(140);
    small.unmount();
    large.unmount();
  });
});

describe('view: occupations screen', () => {
  const rowTitles = (frame: string) =>
    frame
      .split('\n')
      .filter((l) => /^[›\s] \S/.test(l) && !l.includes('occupation') && !l.includes('filter:') && !l.includes('[Occupations]'))
      .map((l) => l.slice(2, 30).trim());

  it('lists occupations sorted by jobs displaced, and re-sorts with s and o', async () => {
    const view = open();
    await tick();
    await press(view.stdin, TAB);
    const frame = view.frame();
    expect(frame).toContain('[Occupations]');
    expect(frame).toContain('▼displaced');
    const expected = queryRows(occupationRows(analysis, 10), { sort: 'displaced', descending: true, filter: '', majorGroup: null });
    expect(rowTitles(frame)[0]).toBe(expected[0]!.title.slice(0, 28).trim());

    await press(view.stdin, 's'); // new work
    await press(view.stdin, 's', 's'); // exposure (beta), then employment
    expect(view.frame()).toContain('▼employment');
    const byEmployment = [...analysis.occupations].filter((o) => o.employment !== null).sort((a, b) => b.employment! - a.employment!);
    expect(rowTitles(view.frame())[0]).toBe(byEmployment[0]!.title.slice(0, 28).trim());
    await press(view.stdin, 'o');
    expect(view.frame()).toContain('▲employment');
    expect(rowTitles(view.frame())[0]).toBe(byEmployment.at(-1)!.title.slice(0, 28).trim());
    view.unmount();
  });

  it('filters by typing after /, and Esc clears the filter', async () => {
    const view = open();
    await tick();
    await press(view.stdin, TAB, '/', 'n', 'u', 'r', 's');
    const titles = rowTitles(view.frame());
    expect(titles.length).toBeGreaterThan(0);
    const matching = analysis.occupations.filter((o) => o.title.toLowerCase().includes('nurs')).map((o) => o.title);
    expect(titles).toHaveLength(matching.length);
    for (const title of titles) expect(matching.some((m) => m.startsWith(title.replace(/…$/, '')))).toBe(true);
    expect(view.frame()).toContain('filter: nurs');
    await press(view.stdin, ENTER, ESC);
    expect(rowTitles(view.frame()).length).toBeGreaterThan(titles.length);
    view.unmount();
  });

  it('takes keys typed faster than it reads them one by one', async () => {
    const view = open();
    await tick();
    view.stdin.write('\t/soft\r');
    await tick();
    expect(view.frame()).toContain('filter: soft');
    expect(view.frame()).toContain('Software Developers');
    view.unmount();
  });

  it('filters by major group with g', async () => {
    const view = open();
    await tick();
    await press(view.stdin, TAB, 'g');
    const first = analysis.groups[0]!;
    expect(view.frame()).toContain(`group: ${first.label}`);
    const members = new Set(analysis.occupations.filter((o) => o.majorGroup === first.majorGroup).map((o) => o.title.slice(0, 28).trim()));
    for (const title of rowTitles(view.frame())) expect(members.has(title)).toBe(true);
    view.unmount();
  });

  it('drills into an occupation with Enter: tasks with every score field, rationale, new work; Esc goes back', async () => {
    const view = open({ columns: 100, rows: 60 });
    await tick();
    await press(view.stdin, TAB, '/');
    await press(view.stdin, ...'software'.split(''));
    await press(view.stdin, ENTER, ENTER);
    const frame = view.frame();
    const occupation = analysis.occupations.find((o) => o.title.toLowerCase().includes('software'))!;
    expect(frame).toContain(occupation.code);
    expect(frame).toContain('Tasks (');
    expect(frame).toMatch(/exposure E[012]\s+automation T[0-4]\s+mode \w+\s+horizon \d{4}\s+confidence \d\.\d\d/);
    expect(frame).toContain('rationale: test rationale for task');
    view.unmount();

    const back = open();
    await tick();
    await press(back.stdin, TAB, DOWN, ENTER);
    expect(back.frame()).toContain('Tasks (');
    await press(back.stdin, DOWN, DOWN);
    await press(back.stdin, ESC);
    expect(back.frame()).toContain('▼displaced');
    expect(back.frame()).not.toContain('Tasks (');
    back.unmount();
  });

  it('shows new-work examples for an occupation that has emerging tasks', async () => {
    const withExamples = analysis.occupations.find((o) => analysis.newWork.some((e) => e.occupationCode === o.code))!;
    const view = open({ columns: 120, rows: 80 });
    await tick();
    await press(view.stdin, TAB, '/');
    await press(view.stdin, ...withExamples.code.slice(0, 7).split(''));
    await press(view.stdin, ENTER, ENTER);
    const example = analysis.newWork.find((e) => e.occupationCode === withExamples.code)!;
    expect(view.frame()).toMatch(/New work examples \([1-9]/);
    expect(view.frame()).toContain(example.text.slice(0, 30));
    view.unmount();
  });
});

describe('view: without a terminal', () => {
  it('prints the chart, the rings at base, +10 and +20, and the top of the table', () => {
    const text = renderStaticView(analysis, { width: 100, color: false });
    expect(text).toContain('100% ┤');
    expect(text).toMatch(/2026 {2}net/);
    expect(text).toMatch(/2036 {2}net/);
    expect(text).toMatch(/2046 {2}net/);
    expect(text).toMatch(/Top 10 of \d+ occupations by jobs displaced by 2046/);
    expect(text).toContain('██ dark');
    // Long statements wrap with a two-space indent; examples are "  - ...".
    const unwrapped = text.replace(/\n {2}(?=[^-\s])/g, ' ');
    expect(unwrapped).toMatch(/Examples of new work \(the grey; they show its kind, not its size\): \d+ examples written for the bundled sample \(not O\*NET data\)\.\n  - \S/);
    expect(text).not.toMatch(/\u001b\[/);
  });
});
