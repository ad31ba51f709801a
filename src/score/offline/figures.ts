// Held-out figures as lines of text, for the training and evaluation commands.

import type { HeldOutFigures, Reliability, TargetFigures } from './heldout.js';

const f = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(3));

export function formatFigures(figures: HeldOutFigures): string {
  if (!figures.withoutActivities) return formatTargets(figures.targets);
  return [
    'tasks read with their O*NET work activities (DWAs), where they have any:',
    formatTargets(figures.targets),
    'the same tasks without work activities (a dataset without DWAs):',
    formatTargets(figures.withoutActivities.targets),
  ].join('\n');
}

function formatTargets(targets: TargetFigures): string {
  const lines: string[] = [];
  for (const [target, m] of Object.entries(targets)) {
    lines.push(
      `target ${target}: ${m.tasks} tasks of ${m.occupations} occupations`,
      `  vs GPT-4   accuracy ${f(m.vsGpt4.accuracy)}  kappa ${f(m.vsGpt4.kappa)}  binary kappa ${f(m.vsGpt4.kappaBinary)}`,
      `  vs human   accuracy ${f(m.vsHuman?.accuracy)}  kappa ${f(m.vsHuman?.kappa)}  binary kappa ${f(m.vsHuman?.kappaBinary)}`,
      `  automation accuracy ${f(m.automationVsGpt4?.accuracy)}  kappa ${f(m.automationVsGpt4?.kappa)}  within one level ${f(m.automationVsGpt4?.withinOneLevel)}`,
      `  occupation beta Pearson/Spearman vs GPT-4 ${f(m.occupationBeta.pearsonGpt4)}/${f(m.occupationBeta.spearmanGpt4)}` +
        `  vs human ${f(m.occupationBeta.pearsonHuman)}/${f(m.occupationBeta.spearmanHuman)}`,
      `  confidence: expected calibration error ${f(m.reliability.calibrationError)} against the target's labels`,
      reliabilityChart(m.reliability).replace(/^/gm, '    '),
    );
    if (m.gpt4VsHuman) lines.push(`  (GPT-4 vs human on the same tasks: kappa ${f(m.gpt4VsHuman.kappa)}, binary ${f(m.gpt4VsHuman.kappaBinary)}, beta r ${f(m.gpt4VsHuman.occupationBetaPearson)})`);
  }
  return lines.join('\n');
}

/**
 * A reliability diagram in text: per confidence bin, a bar of the observed agreement with the target's
 * labels and a `|` where the mean predicted confidence lies. A calibrated model's bars end at their marks.
 */
export function reliabilityChart(reliability: Reliability, width = 40): string {
  const lines = [`confidence${'tasks'.padStart(7)}  ${'observed agreement █, mean confidence |'.padEnd(width + 4)}observed  predicted`];
  for (const bin of reliability.bins) {
    const cells = Array.from({ length: width + 1 }, (_, i): string => (i < Math.round(bin.agreeTarget * width) ? '█' : ' '));
    cells[Math.min(width, Math.round(bin.meanConfidence * width))] = '|';
    lines.push(`${`${bin.from.toFixed(1)}-${bin.to.toFixed(1)}`.padEnd(10)}${String(bin.tasks).padStart(7)}  ${cells.join('')}   ${f(bin.agreeTarget).padStart(8)}  ${f(bin.meanConfidence).padStart(9)}`);
  }
  return lines.join('\n');
}
