// Examples of the grey from the dataset itself: O*NET Emerging Tasks (tasks incumbents and experts report as
// new to their occupation), or, in the bundled sample, examples written for this project, labelled as such.
//
// O*NET's "new" tasks are new to the occupation, not necessarily new to the economy: many are ordinary work
// ("Review and approve payroll for employees"). So examples that name a technology come first, then the
// most recently reported; revisions of existing tasks are not new work and are left out (and counted).
import type { Dataset } from '../data/types.js';
import type { NewWorkExample } from './types.js';

/** Words that mark a task as work around newer technology. Whole words, case-insensitive. */
const TECHNOLOGY = /\b(AI|artificial intelligence|machine learning|generative|algorithms?|automat\w*|robot\w*|digital|software|code|coding|program(?:ming)?|apps?|online|internet|web\w*|social media|data(?:bases?|sets?)?|analytics|cyber\w*|cloud|computer\w*|geographic information systems?|GIS|drones?|unmanned|3D|three-dimensional|virtual|simulations?|sensors?|telehealth|telemedicine|electric vehicles?|solar|wind|modeling)\b/i;

export interface EmergingTaskCounts {
  /** Every row of Emerging Tasks.txt. */
  all: number;
  /** Tasks new to their occupation: the examples of the grey. */
  new: number;
  /** Rewordings of existing tasks: not new work. */
  revisions: number;
}

export function emergingTaskCounts(dataset: Pick<Dataset, 'emergingTasks'>): EmergingTaskCounts {
  const added = dataset.emergingTasks.filter((t) => t.category === 'New').length;
  return { all: dataset.emergingTasks.length, new: added, revisions: dataset.emergingTasks.length - added };
}

/** The dataset's new tasks as examples of the grey, technology-related and most recent first. */
export function emergingTaskExamples(dataset: Pick<Dataset, 'kind' | 'version' | 'emergingTasks'>): NewWorkExample[] {
  const sample = dataset.kind === 'sample';
  const source = sample
    ? 'ai-frontier sample: written for this project to illustrate new work (not O*NET data)'
    : `O*NET${dataset.version ? ` ${dataset.version}` : ''} Emerging Tasks: new to the occupation, as reported to O*NET`;
  const examples = dataset.emergingTasks
    .filter((t) => t.category === 'New')
    .map((t, index) => {
      const year = t.date ? Number(t.date.slice(-4)) || undefined : undefined;
      const example: NewWorkExample = {
        occupationCode: t.occupationCode,
        majorGroup: t.occupationCode.slice(0, 2),
        text: t.text,
        kind: 'task',
        drawsFrom: [t.occupationCode],
        source,
        origin: sample ? 'sample' : 'onet-emerging',
        ...(year !== undefined ? { year } : {}),
      };
      return { example, index, technology: TECHNOLOGY.test(t.text) };
    });
  examples.sort((a, b) => Number(b.technology) - Number(a.technology) || (b.example.year ?? 0) - (a.example.year ?? 0) || a.index - b.index);
  return examples.map((e) => e.example);
}
