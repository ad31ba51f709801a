// The JSON bundle: one file with everything a program needs to reproduce or re-plot a run: the tool,
// the data and its versions, the scorer, every parameter, and all results down to the tasks.
import type { Analysis } from '../analysis/types.js';
import { NEW_WORK_PRESETS } from '../frontier/presets.js';

export const TOOL_NAME = 'ai-frontier';

/** Bumped when a field of the bundle changes meaning or is removed, so readers can tell versions apart. */
export const BUNDLE_FORMAT = 1;

export function reportBundle(analysis: Analysis) {
  const { params: frontierParams, ...frontier } = analysis.frontier;
  const preset = frontierParams.newWork.preset ? NEW_WORK_PRESETS[frontierParams.newWork.preset] : null;
  return {
    format: BUNDLE_FORMAT,
    tool: { name: TOOL_NAME, version: analysis.toolVersion },
    generatedAt: analysis.generatedAt,
    dataset: analysis.dataset,
    scorer: analysis.scorer,
    employment: analysis.employment,
    coverage: analysis.coverage,
    params: {
      scorer: analysis.params.scorer,
      taskWeights: analysis.params.taskWeights,
      weight: analysis.params.weight,
      frontier: {
        ...frontierParams,
        newWork: {
          ...frontierParams.newWork,
          label: preset?.label ?? null,
          derivation: preset?.derivation ?? null,
        },
      },
    },
    workforce: analysis.workforce,
    groups: analysis.groups,
    occupations: analysis.occupations,
    frontier,
    newWork: analysis.newWork,
    tasks: analysis.tasks.map(({ task, occupationTitle, score }) => ({ ...task, occupationTitle, score: score ?? null })),
  };
}

export type ReportBundle = ReturnType<typeof reportBundle>;

/** Compact: with every task of the full O*NET the bundle is about 10 MB, and indenting adds a third. */
export function toJson(analysis: Analysis): string {
  return `${JSON.stringify(reportBundle(analysis))}\n`;
}
