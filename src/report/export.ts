// `export`: writes the chosen report formats for one Analysis into a folder, all files or none.
import path from 'node:path';
import type { Analysis } from '../analysis/types.js';
import { UsageError } from '../errors.js';
import { makeFolder, writeProblem } from '../folders.js';
import { writeFilesAtomic } from './atomic.js';
import { toCsv } from './csv.js';
import { renderHtml, type HtmlOptions } from './html/index.js';
import { toJson } from './json.js';
import { csvTables } from './tables.js';

export const REPORT_FORMATS = ['csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ExportOptions {
  outDir: string;
  formats: readonly ReportFormat[];
  html?: HtmlOptions;
}

export interface ExportResult {
  files: { path: string; bytes: number }[];
}

/** "csv,json" -> ['csv', 'json']; spaces and repeats are allowed, anything else is a usage error. */
export function parseFormats(value: string): ReportFormat[] {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(`expected one or more formats (${REPORT_FORMATS.join(', ')}), separated by commas; got "${value}"`);
  const unknown = names.filter((name) => !(REPORT_FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown format ${unknown.map((u) => `"${u}"`).join(', ')}: expected ${REPORT_FORMATS.join(', ')}, separated by commas`);
  }
  return REPORT_FORMATS.filter((format) => names.includes(format));
}

/** The files each format writes, named and in writing order: for messages and for the export itself. */
export function reportFiles(analysis: Analysis, options: Pick<ExportOptions, 'formats' | 'html'>): { name: string; content: string }[] {
  const files: { name: string; content: string }[] = [];
  if (options.formats.includes('csv')) {
    for (const [name, table] of Object.entries(csvTables(analysis))) files.push({ name, content: toCsv(table.header, table.rows) });
  }
  if (options.formats.includes('json')) files.push({ name: 'report.json', content: toJson(analysis) });
  if (options.formats.includes('html')) files.push({ name: 'report.html', content: renderHtml(analysis, options.html) });
  return files;
}

const WRITING = { what: 'the reports', instead: 'choose another folder with --out' };

/** Makes the output folder before any work is done, so a folder that cannot be made fails at once. */
export function prepareOutDir(outDir: string): void {
  try {
    makeFolder(outDir);
  } catch (error) {
    throw writeProblem(error, { ...WRITING, folder: outDir });
  }
}

export async function exportReports(analysis: Analysis, options: ExportOptions): Promise<ExportResult> {
  const files = reportFiles(analysis, options).map((file) => ({
    path: path.join(options.outDir, file.name),
    content: Buffer.from(file.content, 'utf8'),
  }));
  try {
    await writeFilesAtomic(files);
  } catch (error) {
    throw writeProblem(error, { ...WRITING, folder: options.outDir });
  }
  return { files: files.map((file) => ({ path: file.path, bytes: file.content.byteLength })) };
}
