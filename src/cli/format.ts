// Small text helpers for terminal tables. Pure functions, shared by every command that prints.

export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** "+1,234" / "-1,234" / "+0": a change in people. */
export function formatSigned(value: number): string {
  const text = formatInteger(Math.abs(value));
  return Math.round(value) < 0 ? `-${text}` : `+${text}`;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
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
