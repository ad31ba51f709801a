// The official releases `datasets fetch` knows by default. Kept apart from fetch.ts so that the command's
// --help can name them without loading the downloader and the zip reader.
import type { RegisteredDataset } from './registry.js';

export type FetchKind = RegisteredDataset['kind'];
export const FETCH_KINDS: readonly FetchKind[] = ['onet', 'oews'];

export const DEFAULT_ONET_RELEASE = '29.1';
export const DEFAULT_OEWS_YEAR = 2024;
