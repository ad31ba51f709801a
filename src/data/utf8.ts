// UTF-8 decoding that says where a file stops being UTF-8: line, and character position in the line.

import type { Reporter } from './problems.js';

/**
 * Decodes UTF-8, stripping a BOM (valid, just noise). Invalid bytes, a NUL byte and UTF-16 text are errors
 * located at the first bad byte: line, and character position within the line. When collecting problems,
 * decoding goes on (with replacement characters) so the rest of the file is still checked.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, reporter: Reporter): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    reporter.error('the file is UTF-16 text (it starts with a UTF-16 byte order mark): expected UTF-8; re-save it as UTF-8', { file, line: 1, column: 1 });
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
    const column = [...before.replace(/^\uFEFF/, '')].length + 1;
    const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    reporter.error(
      `invalid UTF-8 byte 0x${hex} at character ${column} of line ${line}: expected UTF-8 text ` +
        '(the file may be Latin-1 or Windows-1252; re-save it as UTF-8)',
      { file, line, column },
    );
    return new TextDecoder('utf-8').decode(bytes);
  }
  reportNul(text, file, reporter);
  return text;
}

/** A NUL is valid UTF-8 but never part of a text file's content: it marks binary data or UTF-16 without a
 * byte order mark, and would otherwise travel silently into task text, prompts and reports. */
function reportNul(text: string, file: string, reporter: Reporter): void {
  const at = text.indexOf('\u0000');
  if (at < 0) return;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1).replace(/^\uFEFF/, '')].length + 1;
  reporter.error(
    `NUL byte at character ${column} of line ${line}: expected plain text (the file may be UTF-16 without a byte order mark, or binary); re-save it as UTF-8 text`,
    { file, line, column },
  );
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return n;
}
