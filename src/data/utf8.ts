// UTF-8 decoding that says where a file stops being UTF-8: line, and character position in the line.

import type { Reporter } from './problems.js';

/**
 * Decodes UTF-8, stripping a BOM (valid, just noise). Invalid bytes are an error located at the first
 * bad byte: line, and character position within the line. When collecting problems, decoding goes on
 * with replacement characters so the rest of the file is still checked.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, reporter: Reporter): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
