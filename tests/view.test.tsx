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

type View = ReturnType<typeof render>;

/** Waits for the thing, not for a time: resolves once a frame passes `test` (checked as frames arrive). */
async function frameWhere(view: View, test: (frame: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = view.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`no frame showed ${what}; the last one was:\n${frame}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Each key, then the frame it causes: every key these tests press changes what is drawn. */
async function press(view: View, ...keys: string[]) {
  for (const key of keys) {
    const drawn = view.frames.length;
    view.stdin.write(key);
    await frameWhere(view, () => view.frames.length > drawn, `a redraw after key ${JSON.stringify(key)}`);
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
  const firstFrame = () => frameWhere(view, (f) => f.length > 0, 'the first frame');
  return { ...view, frame, firstFrame };
}

/** The figure after a label in the panel beside the chart ("dark displaced   12.3%"). */
const figure = (frame: string, label: string) => frame.match(new RegExp(`${label} +([-+\\d.,%kM]+)`))?.[1];

describe('view: frontier screen', () => {
  it('draws the chart with its axes, the cursor year and its figures at 80x24', async () => {
    const view = open();
    await view.firstFrame();
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
    await view.firstFrame();
    // From the base year, where the frontier still moves fast (it levels off later).
    await press(view, ...Array<string>(10).fill(LEFT));
    expect(view.frame()).toContain('Year 2026');
    const before = figure(view.frame(), 'dark displaced');
    await press(view, RIGHT, RIGHT);
    expect(view.frame()).toContain('Year 2028');
    const after = figure(view.frame(), 'dark displaced');
    expect(Number.parseFloat(after!)).toBeGreaterThan(Number.parseFloat(before!));
    const jobs = analysis.frontier.years[2]!;
    expect(view.frame()).toContain(`${(jobs.dark * 100).toFixed(1)}%`);
    await press(view, LEFT, LEFT);
    expect(view.frame()).toContain('Year 2026');
    view.unmount();
  });

  it('draws Kamradt rings for the cursor year with r, and they grow as the year moves', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, ...Array<string>(10).fill(LEFT), 'r');
    const darkCells = (frame: string) => frame.split('\n').map((l) => l.slice(0, 50)).join('').split('█').length;
    const at2026 = darkCells(view.frame());
    expect(view.frame()).not.toContain('100% ┤');
    expect(view.frame()).toMatch(/·+█+·+/);
    await press(view, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT);
    expect(darkCells(view.frame())).toBeGreaterThan(at2026);
    await press(view, 'r');
    expect(view.frame()).toContain('100% ┤');
    view.unmount();
  });

  it('switches preset and measure live, and the figures recompute', async () => {
    const view = open();
    await view.firstFrame();
    const grey = figure(view.frame(), 'grey new work');
    await press(view, 'p', 'p'); // acemoglu-restrepo-1987-2016 -> autor-new-titles -> none
    expect(view.frame()).toContain('· none');
    expect(figure(view.frame(), 'grey new work')).toBe('0.0%');
    expect(grey).not.toBe('0.0%');
    const dark = figure(view.frame(), 'dark displaced');
    await press(view, 'm');
    expect(view.frame()).toContain('measure zeta');
    expect(Number.parseFloat(figure(view.frame(), 'dark displaced')!)).toBeGreaterThan(Number.parseFloat(dark!));
    view.unmount();
  });

  it('redraws at a larger size with a wider chart', async () => {
    const small = open();
    const large = open({ columns: 160, rows: 48 });
    await large.firstFrame();
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
    await view.firstFrame();
    await press(view, TAB);
    const frame = view.frame();
    expect(frame).toContain('[Occupations]');
    expect(frame).toContain('displaced▼');
    const expected = queryRows(occupationRows(analysis, 10), { sort: 'displaced', descending: true, filter: '', majorGroup: null });
    expect(expected[0]!.title.startsWith(rowTitles(frame)[0]!.replace(/…$/, ''))).toBe(true);

    await press(view, 's'); // new work
    await press(view, 's', 's'); // exposure (beta), then employment
    expect(view.frame()).toContain('employment▼');
    const byEmployment = [...analysis.occupations].filter((o) => o.employment !== null).sort((a, b) => b.employment! - a.employment!);
    expect(rowTitles(view.frame())[0]).toBe(byEmployment[0]!.title.slice(0, 28).trim());
    await press(view, 'o');
    expect(view.frame()).toContain('employment▲');
    expect(rowTitles(view.frame())[0]).toBe(byEmployment.at(-1)!.title.slice(0, 28).trim());
    view.unmount();
  });

  it('filters by typing after /, and Esc clears the filter', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, TAB, '/', 'n', 'u', 'r', 's');
    const titles = rowTitles(view.frame());
    expect(titles.length).toBeGreaterThan(0);
    const matching = analysis.occupations.filter((o) => o.title.toLowerCase().includes('nurs')).map((o) => o.title);
    expect(titles).toHaveLength(matching.length);
    for (const title of titles) expect(matching.some((m) => m.startsWith(title.replace(/…$/, '')))).toBe(true);
    expect(view.frame()).toContain('filter: nurs');
    await press(view, ENTER, ESC);
    expect(rowTitles(view.frame()).length).toBeGreaterThan(titles.length);
    view.unmount();
  });

  it('takes keys typed faster than it reads them one by one', async () => {
    const view = open();
    await view.firstFrame();
    view.stdin.write('\t/soft\r');
    await frameWhere(view, (f) => f.includes('filter: soft') && !f.includes('type to filter'), 'the filter typed and closed');
    expect(view.frame()).toContain('filter: soft');
    expect(view.frame()).toContain('Software Developers');
    view.unmount();
  });

  it('filters by major group with g', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, TAB, 'g');
    const first = analysis.groups[0]!;
    expect(view.frame()).toContain(`group: ${first.label}`);
    const members = analysis.occupations.filter((o) => o.majorGroup === first.majorGroup).map((o) => o.title);
    for (const title of rowTitles(view.frame())) expect(members.some((m) => m.startsWith(title.replace(/…$/, ''))), title).toBe(true);
    view.unmount();
  });

  it('drills into an occupation with Enter: tasks with every score field, rationale, new work; Esc goes back', async () => {
    const view = open({ columns: 100, rows: 60 });
    await view.firstFrame();
    await press(view, TAB, '/');
    await press(view, ...'software'.split(''));
    await press(view, ENTER, ENTER);
    const frame = view.frame();
    const occupation = analysis.occupations.find((o) => o.title.toLowerCase().includes('software'))!;
    expect(frame).toContain(occupation.code);
    expect(frame).toContain('Tasks (');
    expect(frame).toMatch(/exposure E[012]\s+automation T[0-4]\s+mode \w+\s+horizon \d{4}\s+confidence \d\.\d\d/);
    expect(frame).toContain('rationale: test rationale for task');
    view.unmount();

    const back = open();
    await back.firstFrame();
    await press(back, TAB, DOWN, ENTER);
    expect(back.frame()).toContain('Tasks (');
    await press(back, DOWN, DOWN);
    await press(back, ESC);
    expect(back.frame()).toContain('displaced▼');
    expect(back.frame()).not.toContain('Tasks (');
    back.unmount();
  });

  it('shows new-work examples for an occupation that has emerging tasks', async () => {
    const withExamples = analysis.occupations.find((o) => analysis.newWork.some((e) => e.occupationCode === o.code))!;
    const view = open({ columns: 120, rows: 80 });
    await view.firstFrame();
    await press(view, TAB, '/');
    await press(view, ...withExamples.code.slice(0, 7).split(''));
    await press(view, ENTER, ENTER);
    const example = analysis.newWork.find((e) => e.occupationCode === withExamples.code)!;
    expect(view.frame()).toMatch(/New work examples \([1-9]/);
    expect(view.frame()).toContain(example.text.slice(0, 30));
    view.unmount();
  });
});

describe('view: layout at the edges (80 and 200 columns)', () => {
  it('puts the sort arrow inside its own column, after its header', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, TAB);
    const header = view.frame().split('\n').find((l) => l.includes('occupation') && l.includes('grp'))!;
    expect(header).toMatch(/beta +displaced▼ +new work/);
    await press(view, 's', 's');
    expect(view.frame()).toMatch(/displaced +beta▼ +new work|beta▼ +displaced/);
    view.unmount();
  });

  it('keeps the count and the sort in the status line at 80 columns, whatever group is chosen', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, TAB);
    for (let i = 0; i <= analysis.groups.length; i++) {
      const status = view.frame().split('\n')[2]!;
      expect([...status].length).toBeLessThanOrEqual(80);
      expect(status).toMatch(/^\d+\/48 {2}sort: \S+ [▼▲] \(jobs by \d{4}\) {2}filter: /);
      await press(view, 'g');
    }
    view.unmount();
  });

  it('widens the side panel on a wide screen, so new-work examples are readable at 200 columns', async () => {
    const narrow = open();
    const wide = open({ columns: 200, rows: 50 });
    await narrow.firstFrame();
    await wide.firstFrame();
    // The longest new-work example line in the panel, after its "- ".
    const example = (frame: string) => frame.split('\n').map((l) => l.match(/- ([A-Z][^│]*)$/)?.[1]?.trim() ?? '').sort((a, b) => b.length - a.length)[0]!;
    expect(example(narrow.frame()).length).toBeGreaterThan(10);
    expect(example(narrow.frame()).length).toBeLessThanOrEqual(24);
    expect(example(wide.frame()).length).toBeGreaterThan(45);
    narrow.unmount();
    wide.unmount();
  });

  it('does not offer q to quit while q is typed into the filter', async () => {
    const view = open();
    await view.firstFrame();
    await press(view, TAB, '/', 'q');
    expect(view.frame()).toContain('filter: q');
    expect(view.frame()).not.toContain('q quit');
    expect(view.frame()).toContain('letters (q, p, m too) go into the filter until Enter or Esc');
    await press(view, ENTER);
    expect(view.frame()).toContain('q quit');
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
