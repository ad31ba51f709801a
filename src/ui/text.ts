// Small text helpers for fixed-width layouts. Every line of the view passes through `fit`, so text from
// files and models is made printable there (control characters shown, never obeyed).
import { printable } from '../cli/format.js';

/** Cuts to a width with an ellipsis, or pads to it. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const shown = printable(text);
  const chars = [...shown];
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  const gap = ' '.repeat(width - chars.length);
  return align === 'right' ? gap + shown : shown + gap;
}

/** Word-wraps to a width; words longer than the width are cut. `indent` prefixes continuation lines. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push((lines.length === 0 ? '' : indent) + line);
  return lines.map((l) => fit(l, width).trimEnd());
}
