// The HTML report opened the way a reader opens it: in a browser (headless Chromium), offline. The
// chart must draw the analysis's figures, the rings must have areas in proportion, and the headline
// must print the same numbers as the analysis.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis/types.js';
import { renderHtml } from '../src/report/html/index.js';
import { HAS_CHROMIUM, launchBrowser, openOffline, skipNoteWithoutChromium } from './helpers/browser.js';
import { sampleAnalysis, TRICKY_NEW_WORK } from './helpers/report-fixture.js';

// Independent of the report's own formatters: one decimal percent, en-US thousands, a true minus sign.
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const signed = (v: number) => {
  const r = Math.round(v);
  const digits = Math.abs(r).toLocaleString('en-US');
  return r > 0 ? `+${digits}` : r < 0 ? `\u2212${digits}` : '0';
};

let analysis: Analysis;
let html: string;

beforeAll(async () => {
  analysis = await sampleAnalysis();
  html = renderHtml(analysis);
});

describe('HTML report as text', () => {
  it('is standalone: no script, no external URL, a policy that forbids network', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?[a-z]+:/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toMatch(/http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it('escapes text from the data', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Prompt&quot; auditor – checks AI output, &amp; signs off');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>not markup</i>');
  });
});

skipNoteWithoutChromium('HTML report in a browser');

describe.skipIf(!HAS_CHROMIUM)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let attempted: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, attempted } = await openOffline(browser, html, { width: 1200, height: 900 }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens without attempting any network request or running any script', async () => {
    expect(attempted).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    await expect(page.title()).resolves.toBe('AI frontier: sample, test');
  });

  it('draws the frontier as three stacked areas at the heights of the analysis figures', async () => {
    // Boxes and elementFromPoint both use viewport coordinates: bring the whole chart into view.
    await page.locator('#frontier-chart').scrollIntoViewIfNeeded();
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
    for (const series of ['dark', 'white', 'grey']) {
      const path = page.locator(`#frontier-chart path[data-series="${series}"]`);
      expect(await path.count()).toBe(1);
      expect((await path.getAttribute('d'))?.length).toBeGreaterThan(10);
      expect(await path.getAttribute('id')).toBe(`frontier-${series}`);
      boxes[series] = (await path.boundingBox())!;
    }
    const plot = (await page.locator('#frontier-chart rect.plot').boundingBox())!;
    const { dark, white, grey } = boxes as Record<'dark' | 'white' | 'grey', { x: number; y: number; width: number; height: number }>;
    // Dark sits on the x axis, white above it, grey on top of white.
    // (Within a pixel: the white area's border adds half a stroke to its box.)
    expect(Math.abs(dark.y + dark.height - (plot.y + plot.height))).toBeLessThanOrEqual(1);
    expect(grey.y).toBeLessThan(white.y);
    expect(white.y).toBeLessThan(dark.y);
    expect(Math.abs(grey.y + grey.height - white.y)).toBeLessThanOrEqual(1);

    // White's top edge is share 1 everywhere: that fixes the scale, and every area's height follows.
    const bottom = plot.y + plot.height;
    const unit = bottom - (white.y + 0.5);
    const screenY = (share: number) => bottom - share * unit;
    const years = analysis.frontier.years;
    // White starts where dark is lowest: the frontier starts from the estimated present, not from zero.
    expect(Math.abs(white.y + white.height - screenY(Math.min(...years.map((p) => p.dark))))).toBeLessThanOrEqual(2);
    expect(dark.y).toBeCloseTo(screenY(Math.max(...years.map((p) => p.dark))), 0);
    expect(grey.y).toBeCloseTo(screenY(1 + Math.max(...years.map((p) => p.grey))), 0);

    // The band is shaded over each edge, from the lowest to the highest path of the scenarios.
    const darkBand = (await page.locator('#band-dark').boundingBox())!;
    const greyBand = (await page.locator('#band-grey').boundingBox())!;
    expect(darkBand.y).toBeCloseTo(screenY(Math.max(...years.map((p) => p.darkHigh))), 0);
    expect(darkBand.y + darkBand.height).toBeCloseTo(screenY(Math.min(...years.map((p) => p.darkLow))), 0);
    expect(greyBand.y).toBeCloseTo(screenY(1 + Math.max(...years.map((p) => p.greyHigh))), 0);
    const widest = years.reduce((a, b) => (b.darkHigh - b.darkLow > a.darkHigh - a.darkLow ? b : a));
    const bandX = plot.x + ((widest.year - years[0]!.year) / (years.at(-1)!.year - years[0]!.year)) * plot.width;
    await expect(
      page.evaluate<string | null>(`document.elementFromPoint(${bandX}, ${screenY((widest.darkLow + widest.darkHigh) / 2)})?.getAttribute('data-series') ?? null`),
    ).resolves.toBe('dark-band');

    const last = years.at(-1)!;
    const x = plot.x + plot.width - 2;
    const seriesAt = (share: number) =>
      // A string expression: the test project has no DOM types, and the page is the only place it runs.
      page.evaluate<string | null>(`document.elementFromPoint(${x}, ${screenY(share)})?.getAttribute('data-series') ?? null`);
    await expect(seriesAt(last.dark / 2)).resolves.toBe('dark');
    await expect(seriesAt(last.dark + last.white / 2)).resolves.toBe('white');
    await expect(seriesAt(1 + last.grey / 2)).resolves.toBe('grey');
  });

  it('labels the axes with years and percentages, and has a legend', async () => {
    const ticks = await page.locator('#frontier-chart text.tick').allTextContents();
    expect(ticks).toEqual(expect.arrayContaining(['0%', '100%', '2026', '2036', '2046']));
    const legend = await page.locator('#frontier .legend li').allTextContents();
    expect(legend).toHaveLength(4);
    expect(legend.join(' ')).toMatch(/dark.*white.*grey.*band/);
  });

  it('draws Kamradt rings for the base year, +5, +10 and +20 with areas in proportion to the shares', async () => {
    const sets = page.locator('g.ring-set');
    const count = await sets.count();
    const ringYears = await Promise.all(Array.from({ length: count }, (_, i) => sets.nth(i).getAttribute('data-year')));
    expect(ringYears).toEqual(['2026', '2031', '2036', '2046']);
    let whiteRadius: number | undefined;
    for (const year of [2026, 2031, 2036, 2046]) {
      const p = analysis.frontier.years.find((point) => point.year === year)!;
      const r = async (series: string) => Number(await page.locator(`g.ring-set[data-year="${year}"] circle[data-series="${series}"]`).getAttribute('r'));
      const [rd, rw, rg] = [await r('dark'), await r('white'), await r('grey')];
      // The frontier starts from the estimated present: the base year already has a dark core and some grey.
      expect(rd).toBeGreaterThan(0);
      expect(rw).toBeGreaterThan(rd);
      expect(rg).toBeGreaterThan(rw);
      expect((rd * rd) / (rw * rw) / p.dark).toBeCloseTo(1, 2);
      expect((rg * rg - rw * rw) / (rw * rw) / p.grey).toBeCloseTo(1, 2);
      // One scale for every year: the base-year workforce circle is the same size throughout.
      whiteRadius ??= rw;
      expect(rw).toBeCloseTo(whiteRadius, 6);
      const drawn = (await page.locator(`g.ring-set[data-year="${year}"] circle[data-series="grey"]`).boundingBox())!;
      expect(drawn.width).toBeGreaterThan(100);
      const caption = await page.locator(`g.ring-set[data-year="${year}"]`).locator('xpath=ancestor::figure').locator('figcaption').textContent();
      expect(caption).toContain(`${pct(p.dark)} displaced`);
      expect(caption).toContain(`${pct(p.grey)} new`);
    }
  });

  it('prints the headline figures of the analysis', async () => {
    const beta = analysis.workforce.exposed.beta!;
    await expect(page.locator('[data-figure="exposed-beta-10"]').textContent()).resolves.toBe(pct(beta.atLeast10));
    await expect(page.locator('[data-figure="exposed-beta-50"]').textContent()).resolves.toBe(pct(beta.atLeast50));
    await expect(page.locator('[data-figure="beta-mean"]').textContent()).resolves.toBe(pct(analysis.workforce.beta!));
    for (const year of [2026, 2031, 2036, 2046]) {
      const p = analysis.frontier.years.find((point) => point.year === year)!;
      const cell = (s: string) => page.locator(`#headline-years tr[data-year="${year}"] td[data-series="${s}"]`).textContent();
      await expect(cell('dark')).resolves.toBe(pct(p.dark));
      await expect(cell('white')).resolves.toBe(pct(p.white));
      await expect(cell('grey')).resolves.toBe(pct(p.grey));
      await expect(cell('net-jobs')).resolves.toBe(signed(p.netJobs));
    }
    expect(signed(analysis.frontier.years.at(-1)!.netJobs)).toMatch(/^\u2212/);
  });

  it('lists the 15 most and least exposed occupations with their employment', async () => {
    const scored = analysis.occupations.filter((o) => o.beta !== null);
    const betas = scored.map((o) => o.beta!);
    const betaOf = new Map(scored.map((o) => [o.code, o]));
    expect(await page.locator('#most-exposed tbody tr').count()).toBe(15);
    expect(await page.locator('#least-exposed tbody tr').count()).toBe(15);
    const firstMost = page.locator('#most-exposed tbody tr').first();
    const top = betaOf.get((await firstMost.getAttribute('data-code'))!)!;
    expect(top.beta).toBe(Math.max(...betas));
    await expect(firstMost.locator('td').first().textContent()).resolves.toBe(top.employment!.toLocaleString('en-US'));
    await expect(firstMost.locator('td').nth(1).textContent()).resolves.toBe(pct(top.beta!));
    const bottom = betaOf.get((await page.locator('#least-exposed tbody tr').first().getAttribute('data-code'))!)!;
    expect(bottom.beta).toBe(Math.min(...betas));
  });

  it('shows the groups, the new-work examples as text, and the method with the preset citation', async () => {
    expect(await page.locator('#groups-table tbody tr').count()).toBe(analysis.groups.length);
    const rows = page.locator('#new-work-table tbody tr');
    expect(await rows.count()).toBe(Math.min(40, analysis.newWork.length));
    await expect(page.locator('#new-work-table').textContent()).resolves.toContain(TRICKY_NEW_WORK.text);
    const method = (await page.locator('#method').textContent())!;
    expect(method).toContain('Acemoglu & Restrepo (2019)');
    expect(method).toContain('10 / 16');
    expect(method).toContain('Task content, not jobs');
    expect(method).toContain('joins to the SOC code');
  });

  it('looks right at desktop and phone widths (screenshots in /tmp) without sideways page scrolling', async () => {
    writeFileSync('/tmp/report.png', await page.screenshot({ fullPage: true }));
    const phone = await openOffline(browser, html, { width: 390, height: 844 });
    writeFileSync('/tmp/report-phone.png', await phone.page.screenshot({ fullPage: true }));
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(phone.attempted).toEqual([]);
    await phone.page.context().close();
  });
});
