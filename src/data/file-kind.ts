// What a file is, from its first bytes, when it is not the text a loader reads: a workbook given as a task
// table, a zip under another name, a UTF-16 export. The message then says what the file is and what to do,
// rather than reporting its bytes as bad UTF-8 or its parts as missing files.

export type BinaryKind = 'xlsx' | 'xls' | 'zip';

/** A zip archive (xlsx is one), an old Excel workbook, or undefined for anything else. */
export function binaryKind(bytes: Uint8Array): BinaryKind | undefined {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return undefined;
  // A zip's entry names are stored as plain text, and a workbook's first entries name its xl/ parts.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return text.includes('xl/workbook.xml') || (text.includes('[Content_Types].xml') && text.includes('xl/')) ? 'xlsx' : 'zip';
}

/** Why a file of this kind is not a task table, and what to give instead. */
export function notATable(kind: BinaryKind): string {
  const instead =
    'expected an O*NET text release (a folder or its zip) or a task table as TSV or CSV. ' +
    'If this is the BLS OEWS employment file, pass it with --oews; a task table kept in Excel must be saved as CSV or TSV first';
  if (kind === 'zip') return 'is a zip archive, not a task table: if it holds an O*NET text release, give it a name ending in .zip or unzip it; otherwise ' + instead;
  return `is an Excel workbook (${kind}), not a task table: ${instead}`;
}
