// Small text helpers for terminal tables. Pure functions, shared by every command that prints.

import { countText } from '../count-text.js';

export function formatInteger(value: number): string {
  // Not toLocaleString: its first call loads ICU's locale data (count-text.ts).
  return countText(value);
}

/** "+1,234" / "-1,234" / "+0": a change in people. */
export function formatSigned(value: number): string {
  const text = formatInteger(Math.abs(value));
  return Math.round(value) < 0 ? `-${text}` : `+${text}`;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates that
// can make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

function visibleEscape(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from a file, a model or a server, made safe to print on a terminal: every control character is shown
 * as a visible escape (`\x1b`, `\x07`, `\u202e`), so no task, rationale or error can set the window title,
 * move the cursor, clear the screen or hide text. Tab and newline stay. With `colour`, the colour and style
 * sequences (SGR, `ESC [ ... m`) this tool adds itself pass through; they change only how text looks.
 */
export function printable(text: string, options: { colour?: boolean } = {}): string {
  if (!options.colour) return text.replace(UNPRINTABLE, visibleEscape);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SGR)) {
    out += text.slice(last, match.index).replace(UNPRINTABLE, visibleEscape) + match[0];
    last = match.index + match[0].length;
  }
  return out + text.slice(last).replace(UNPRINTABLE, visibleEscape);
}

/** Display width of a string, ignoring ANSI colour codes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

export type Align = 'left' | 'right';

/** Lays out rows as aligned columns separated by two spaces. The header row is optional. */
export function table(rows: string[][], options: { header?: string[]; align?: Align[] } = {}): string {
  const all = options.header ? [options.header, ...rows] : rows;
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  const pad = (cell: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
    return options.align?.[i] === 'right' ? gap + cell : cell + gap;
  };
  const render = (row: string[]) => row.map(pad).join('  ').trimEnd();
  const lines = all.map(render);
  if (options.header) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
