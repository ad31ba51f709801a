// The installed package's root folder, found from this file's location. Works from src/ (tests)
// and dist/ (the built CLI) alike because both sit two levels below the root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bundled sample dataset, in O*NET text-release form, with its BLS employment file beside it. */
export const SAMPLE_DIR = path.join(PACKAGE_ROOT, 'datasets', 'sample');
export const SAMPLE_OEWS = path.join(SAMPLE_DIR, 'oews-2024.csv');

/** The installed version, shown by --version and recorded in every report. */
export const TOOL_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
