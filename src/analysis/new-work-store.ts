// Stored new-work proposals as examples of the grey: those whose subject is one of the dataset's
// occupations, or one of its major groups, each credited to the model that proposed it.
import type { Dataset } from '../data/types.js';
import type { ScoreStore } from '../score/store/store.js';
import type { NewWorkExample } from './types.js';

export function storedNewWork(store: Pick<ScoreStore, 'newWorkFor'>, dataset: Pick<Dataset, 'occupations'>): NewWorkExample[] {
  const codes = new Set(dataset.occupations.map((o) => o.code));
  const groups = new Set(dataset.occupations.map((o) => o.majorGroup));
  return store
    .newWorkFor({ subjects: [...codes, ...groups] })
    .filter((p) => (p.scope === 'group' ? groups.has(p.subject) : codes.has(p.subject)))
    .map((p) => ({
      ...(p.scope === 'occupation' ? { occupationCode: p.subject } : {}),
      majorGroup: p.scope === 'group' ? p.subject : p.subject.slice(0, 2),
      // A role reads as its title with what it does, as NewWorkExample.text describes.
      text: p.kind === 'role' && p.title ? `${p.title}: ${p.text}` : p.text,
      kind: p.kind,
      year: p.year,
      drawsFrom: p.drawsFrom,
      rationale: p.rationale,
      source: `${p.provider}:${p.model} proposal`,
      origin: 'proposal' as const,
    }));
}
