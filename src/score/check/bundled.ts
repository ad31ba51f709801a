// The labelled tasks `check` uses when given none: an excerpt of the GPTs-are-GPTs label set shipped in
// datasets/ (made by scripts/build-check-excerpt.mjs from the full set and the offline model's split).
import path from 'node:path';
import { PACKAGE_ROOT } from '../../data/package-root.js';

export const BUNDLED_LABELS = path.join(PACKAGE_ROOT, 'datasets', 'gpts-are-gpts-excerpt', 'labels.tsv');
/** The bound on what may be bundled. */
export const EXCERPT_MAX_TASKS = 600;
export const EXCERPT_SEED = 1;
