// Held-out figures as lines of text, for the training and evaluation commands.

import type { HeldOutFigures } from './heldout.js';

const f = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(3));

export function formatFigures(figures: HeldOutFigures): string {
  const lines: string[] = [];
  for (const [target, m] of Object.entries(figures.targets)) {
    lines.push(
      `target ${target}: ${m.tasks} tasks of ${m.occupations} occupations`,
      `  vs GPT-4   accuracy ${f(m.vsGpt4.accuracy)}  kappa ${f(m.vsGpt4.kappa)}  binary kappa ${f(m.vsGpt4.kappaBinary)}`,
      `  vs human   accuracy ${f(m.vsHuman?.accuracy)}  kappa ${f(m.vsHuman?.kappa)}  binary kappa ${f(m.vsHuman?.kappaBinary)}`,
      `  automation accuracy ${f(m.automationVsGpt4?.accuracy)}  kappa ${f(m.automationVsGpt4?.kappa)}  within one level ${f(m.automationVsGpt4?.withinOneLevel)}`,
      `  occupation beta Pearson/Spearman vs GPT-4 ${f(m.occupationBeta.pearsonGpt4)}/${f(m.occupationBeta.spearmanGpt4)}` +
        `  vs human ${f(m.occupationBeta.pearsonHuman)}/${f(m.occupationBeta.spearmanHuman)}`,
      `  confidence: expected calibration error ${f(m.reliability.calibrationError)}; ` +
        m.reliability.bins.map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}: n ${b.tasks} conf ${f(b.meanConfidence)} agree ${f(b.agreeTarget)}`).join('; '),
    );
    if (m.gpt4VsHuman) lines.push(`  (GPT-4 vs human on the same tasks: kappa ${f(m.gpt4VsHuman.kappa)}, binary ${f(m.gpt4VsHuman.kappaBinary)}, beta r ${f(m.gpt4VsHuman.occupationBetaPearson)})`);
  }
  return lines.join('\n');
}
