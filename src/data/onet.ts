// Loads an O*NET text release (folder or official zip) into a Dataset. Occupation Data and Task
// Statements are required; the optional files add ratings, emerging tasks, DWAs, job zones and
// alternate-title counts when present. Columns are found by header name: releases differ.

import path from 'node:path';
import { decodeUtf8, parseDelimited, type DelimitedTable } from './delimited.js';
import { applyAlternateTitleCounts, applyJobZones, applyTaskDwas, readEmergingTasks, readWorkActivities } from './onet-extras.js';
import { applyTaskRatings, readOccupations, readTasks } from './onet-files.js';
import { ONET_FILES } from './onet-folder.js';
import { describeEntries, openRelease, type ReleaseFiles } from './onet-source.js';
import { createReporter, type LoadOptions, type Reporter } from './problems.js';
import type { Dataset } from './types.js';

export { ONET_FILES } from './onet-folder.js';

const REQUIRED = [ONET_FILES.occupations, ONET_FILES.tasks];

/** Columns named in messages when a file is empty or has the wrong delimiter. */
const EXPECTED_COLUMNS: Record<string, readonly string[]> = {
  [ONET_FILES.occupations]: ['O*NET-SOC Code', 'Title', 'Description'],
  [ONET_FILES.tasks]: ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type'],
  [ONET_FILES.ratings]: ['O*NET-SOC Code', 'Task ID', 'Scale ID', 'Category', 'Data Value', 'Recommend Suppress'],
  [ONET_FILES.emerging]: ['O*NET-SOC Code', 'Task', 'Category', 'Original Task ID', 'Date'],
  [ONET_FILES.taskDwas]: ['O*NET-SOC Code', 'Task ID', 'DWA ID'],
  [ONET_FILES.dwaReference]: ['DWA ID', 'DWA Title'],
  [ONET_FILES.jobZones]: ['O*NET-SOC Code', 'Job Zone'],
  [ONET_FILES.alternateTitles]: ['O*NET-SOC Code', 'Alternate Title'],
};

export async function loadOnet(source: string, options: LoadOptions = {}): Promise<Dataset> {
  const reporter = createReporter(options.problems);
  const release = openRelease(source, Object.values(ONET_FILES), reporter);
  const version = (release && readVersion(release)) ?? versionFromName(source);
  const dataset: Dataset = {
    name: options.name ?? (version ? `onet-${version}` : path.basename(source)),
    kind: 'onet',
    source,
    occupations: [],
    tasks: [],
    emergingTasks: [],
    files: [],
  };
  if (version) dataset.version = version;
  if (!release) return dataset;

  const missing = REQUIRED.filter((name) => !release.has(name));
  if (missing.length > 0) {
    reporter.error(
      `missing ${missing.join(' and ')}: expected an O*NET text release with ${REQUIRED.join(' and ')}; ${describeEntries(release)}`,
      { file: source },
    );
    return dataset;
  }

  const read = (name: string): DelimitedTable | undefined => readReleaseTable(release, name, reporter, dataset.files);
  // Each table's rows are parsed as its reader iterates them, so read and consume one file at a time.
  const occupationsTable = read(ONET_FILES.occupations);
  const occupations = occupationsTable ? readOccupations(occupationsTable, reporter) : undefined;
  dataset.occupations = occupations ?? [];
  const occupationsByCode = new Map(dataset.occupations.map((o) => [o.code, o]));
  const codes = new Set(occupationsByCode.keys());
  const tasksTable = read(ONET_FILES.tasks);
  dataset.tasks = tasksTable ? readTasks(tasksTable, occupations && codes, reporter) : [];
  const tasksById = new Map(dataset.tasks.map((t) => [t.id, t]));

  const ratings = read(ONET_FILES.ratings);
  if (ratings) applyTaskRatings(ratings, tasksById, reporter);
  const emerging = read(ONET_FILES.emerging);
  if (emerging) dataset.emergingTasks = readEmergingTasks(emerging, codes, reporter);
  const taskDwas = read(ONET_FILES.taskDwas);
  if (taskDwas) applyTaskDwas(taskDwas, tasksById, reporter);
  const dwaReference = read(ONET_FILES.dwaReference);
  if (dwaReference) dataset.workActivities = readWorkActivities(dwaReference, reporter);
  const jobZones = read(ONET_FILES.jobZones);
  if (jobZones) applyJobZones(jobZones, occupationsByCode, reporter);
  const alternateTitles = read(ONET_FILES.alternateTitles);
  if (alternateTitles) applyAlternateTitleCounts(alternateTitles, occupationsByCode, reporter);
  return dataset;
}

/** Decodes and parses one release file when present, recording it in `files`. */
function readReleaseTable(
  release: ReleaseFiles,
  name: string,
  reporter: Reporter,
  files: string[],
): DelimitedTable | undefined {
  const bytes = release.read(name);
  if (bytes === undefined) return undefined;
  const file = release.displayPath(name);
  files.push(file);
  const text = decodeUtf8(bytes, file, reporter);
  return parseDelimited(text, {
    file,
    delimiter: '\t',
    quoting: false,
    reporter,
    expectedColumns: EXPECTED_COLUMNS[name] ?? [],
  });
}

/** "O*NET 29.1 Database" on the first line of Read Me.txt. */
function readVersion(release: ReleaseFiles): string | undefined {
  const bytes = release.read(ONET_FILES.readMe);
  if (!bytes) return undefined;
  const match = /O\*NET\s+(\d+(?:\.\d+)*)\s+Database/i.exec(new TextDecoder().decode(bytes.subarray(0, 2000)));
  return match?.[1];
}

/** The official zip's name carries the version: db_29_1_text.zip -> 29.1. */
function versionFromName(source: string): string | undefined {
  const match = /db_(\d+)_(\d+)_text/i.exec(path.basename(source));
  return match ? `${match[1]}.${match[2]}` : undefined;
}
