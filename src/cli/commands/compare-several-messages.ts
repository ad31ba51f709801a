// How several scorers' agreement reads on a terminal: the kappa matrix, each pair, and Krippendorff's alpha.
import type { AlphaEstimate, SeveralAgreement } from '../../score/agreement/several.js';
import { formatInteger, table } from '../format.js';
import type { Output } from '../output.js';

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** The report for three or more scorers; `afterHeader` prints what sits under the first line (the held-out note). */
export function printSeveral(out: Output, s: SeveralAgreement, afterHeader: () => void): void {
  const { bold, dim } = out.style;
  const each = s.scorers.map((name) => `${name} ${formatInteger(s.tasksByScorer[name] ?? 0)}`).join(', ');
  out.data(
    `${bold(s.scorers.join(', '))} on ${s.dataset}: ${formatInteger(s.tasksByAll)} tasks scored by all ${s.scorers.length}, ` +
      `${formatInteger(s.tasksByTwo)} by at least two ${dim(`(tasks each scored: ${each})`)}`,
  );
  afterHeader();
  if (s.tasksByTwo === 0) return;
  out.data(`\n${bold("Cohen's kappa, exposure E0/E1/E2")} ${dim('(each pair on the tasks both scored)')}`);
  out.data(
    table(
      s.scorers.map((name, i) => [name, ...s.kappaMatrix[i]!.map((k, j) => (i === j ? '-' : f(k)))]),
      { header: ['', ...s.scorers], align: ['left', ...s.scorers.map(() => 'right' as const)] },
    ),
  );
  out.data('');
  out.data(
    table(
      s.pairs.map((p) => [
        `${p.a} vs ${p.b}`,
        formatInteger(p.tasks),
        f(p.exposure.accuracy),
        f(p.exposure.kappa),
        f(p.exposure.kappaExposed),
        p.automation ? f(p.automation.kappa) : 'n/a',
      ]),
      { header: ['pair', 'tasks', 'accuracy', 'kappa', 'kappa exposed vs not', 'automation kappa'], align: ['left', 'right', 'right', 'right', 'right', 'right'] },
    ),
  );
  printAlpha(out, s);
}

/** Krippendorff's alpha with its bootstrap interval: the several-scorer report's last part, and `compare A B --alpha`. */
export function printAlpha(out: Output, s: Pick<SeveralAgreement, 'alpha' | 'bootstrap'>): void {
  const { bold, dim } = out.style;
  const { resamples, level, seed } = s.bootstrap;
  const percent = `${+(level * 100).toFixed(1)}%`;
  out.data(
    `\n${bold("Krippendorff's alpha")} ${dim(`(every task at least two scorers rated; ${percent} interval from ${formatInteger(resamples)} bootstrap resamples of tasks, seed ${seed})`)}`,
  );
  const row = (label: string, a: AlphaEstimate) => [label, f(a.alpha), Number.isFinite(a.low) ? `${f(a.low)} to ${f(a.high)}` : 'n/a', formatInteger(a.tasks), formatInteger(a.values)];
  out.data(
    table(
      [
        row('exposure (nominal, E0/E1/E2)', s.alpha.exposure),
        ...(s.alpha.automation ? [row('automation (ordinal, T0..T4)', s.alpha.automation)] : []),
      ],
      { header: ['measure', 'alpha', `${percent} interval`, 'tasks', 'ratings'], align: ['left', 'right', 'right', 'right', 'right'] },
    ),
  );
  if (!s.alpha.automation) out.data(dim('automation: fewer than two scorers give an automation level on any task'));
}
