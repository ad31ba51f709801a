// Reads the bundled calibration facts once per process. The model itself takes the parsed facts as an
// argument, so tests and the backtest can hand it any set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../data/package-root.js';
import { InputError } from '../errors.js';
import { parseCalibrationFile, type CalibrationFile } from './facts.js';

export const CALIBRATION_FILE = path.join(PACKAGE_ROOT, 'calibration', 'frontier-facts.json');

const cache = new Map<string, CalibrationFile>();

export function loadCalibrationFile(file: string = CALIBRATION_FILE): CalibrationFile {
  const cached = cache.get(file);
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read the calibration facts: ${(error as Error).message}`, { file });
  }
  const parsed = parseCalibrationFile(json, file);
  cache.set(file, parsed);
  return parsed;
}
