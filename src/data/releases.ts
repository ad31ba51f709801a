// The official releases `datasets fetch` knows by default. Kept apart from fetch.ts so that the command's
// --help can name them without loading the downloader and the zip reader.
import type { RegisteredDataset } from './registry.js';

export type FetchKind = RegisteredDataset['kind'];
export const FETCH_KINDS: readonly FetchKind[] = ['onet', 'oews'];

export const DEFAULT_ONET_RELEASE = '29.1';
export const DEFAULT_OEWS_YEAR = 2024;

/**
 * Task statements in each release's `Task Statements.txt`, counted from the files (29.1: 18,796 rows, which
 * `datasets info onet-29.1` reports too; tests/check-real.test.ts recounts it from ../shared/data). `check`
 * projects the cost of scoring a whole release from these.
 */
export const ONET_TASK_COUNTS: Readonly<Record<string, number>> = { '29.1': 18_796 };
