// Data path: load the full O*NET 29.1 release and the OEWS May 2024 xlsx, then join them.
import path from 'node:path';
import { joinEmployment } from '../data/join.js';
import { loadOews } from '../data/oews.js';
import { loadOnet } from '../data/onet.js';
import { SHARED_DATA, peakRssMiB, timed, type Figures } from './harness.js';

export async function benchData(): Promise<Figures> {
  const onetDir = path.join(SHARED_DATA, 'onet-29.1');
  const xlsx = path.join(SHARED_DATA, 'oews', 'national_M2024_dl.xlsx');
  const { result, ms } = await timed(async () => {
    const [dataset, table] = await Promise.all([loadOnet(onetDir), loadOews(xlsx)]);
    return joinEmployment(dataset, table);
  });
  const onetOnly = await timed(() => loadOnet(onetDir));
  const oewsOnly = await timed(() => loadOews(xlsx));
  return {
    'data: load O*NET 29.1 + OEWS 2024 xlsx + join (cold)': { value: ms, unit: 'ms' },
    'data: load O*NET 29.1 (warm)': { value: onetOnly.ms, unit: 'ms' },
    'data: load OEWS 2024 xlsx (warm)': { value: oewsOnly.ms, unit: 'ms' },
    'data: occupations loaded': { value: result.occupations.length, unit: 'occupations' },
    'data: tasks loaded': { value: result.tasks.length, unit: 'tasks' },
    'data: peak memory': { value: peakRssMiB(), unit: 'MiB' },
  };
}
