// Cells to terminal text: each cell is one character with an optional foreground and background
// colour (xterm 256-colour indexes). Runs of the same colours share one escape sequence, so a
// full-screen chart stays a few kilobytes and redraws fast.

export interface Cell {
  ch: string;
  fg?: number;
  bg?: number;
}

/** One row of cells as a string; without colour the characters alone. */
export function paintRow(cells: readonly Cell[], color: boolean): string {
  if (!color) return cells.map((c) => c.ch).join('');
  let out = '';
  let fg: number | undefined;
  let bg: number | undefined;
  let open = false;
  for (const cell of cells) {
    if (cell.fg !== fg || cell.bg !== bg) {
      if (open) out += '\u001b[0m';
      fg = cell.fg;
      bg = cell.bg;
      const codes: string[] = [];
      if (fg !== undefined) codes.push(`38;5;${fg}`);
      if (bg !== undefined) codes.push(`48;5;${bg}`);
      open = codes.length > 0;
      if (open) out += `\u001b[${codes.join(';')}m`;
    }
    out += cell.ch;
  }
  if (open) out += '\u001b[0m';
  return out;
}

/** Display width, ignoring SGR colour codes (every character the charts draw is one column wide). */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/** Pads (never cuts) a possibly coloured string to a display width. */
export function padVisible(text: string, width: number): string {
  const gap = width - visibleWidth(text);
  return gap > 0 ? text + ' '.repeat(gap) : text;
}

/** Removes SGR colour codes: what a person sees on a monochrome screen. */
export function stripColor(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Blocks of lines set side by side, each padded to its own widest line. */
export function sideBySide(blocks: readonly (readonly string[])[], gap = 2): string[] {
  const widths = blocks.map((b) => Math.max(0, ...b.map(visibleWidth)));
  const height = Math.max(0, ...blocks.map((b) => b.length));
  const lines: string[] = [];
  for (let r = 0; r < height; r++) {
    lines.push(blocks.map((b, i) => padVisible(b[r] ?? '', widths[i]!)).join(' '.repeat(gap)).trimEnd());
  }
  return lines;
}
