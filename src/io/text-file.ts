import { open } from 'node:fs/promises';
import { formatBytes, inputLimits } from './limits.ts';
import { inputError } from './location.ts';

/**
 * Reads a whole input file, up to `inputLimits.fileBytes`. A missing file or a directory is the
 * user's mistake (a typo in a path), so it becomes an InputError rather than a stack trace. The
 * size is checked before reading and counted while reading, since a pipe or a device (`/dev/zero`)
 * has no size to check.
 */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  try {
    const handle = await open(path, 'r');
    try {
      if ((await handle.stat()).size > inputLimits.fileBytes) throw fileTooLarge(path);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(1024 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > inputLimits.fileBytes) throw fileTooLarge(path);
        chunks.push(chunk.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw inputError({ file: path }, 'the file does not exist; check the path.', 'not-found');
    if (code === 'EISDIR')
      throw inputError(
        { file: path },
        'this is a folder, not a file; give the path of a file.',
        'not-a-file',
      );
    if (code === 'EACCES') {
      throw inputError(
        { file: path },
        'the file cannot be read (permission denied); check who may read it.',
        'unreadable',
      );
    }
    throw error;
  }
}

function fileTooLarge(path: string) {
  return inputError(
    { file: path },
    `the file is larger than ${formatBytes(inputLimits.fileBytes)}, the most Lotta reads; ` +
      'check that it is the right file, or delete the rows and columns that are not needed.',
    'file-too-large',
    { megabytes: Math.round(inputLimits.fileBytes / (1024 * 1024)) },
  );
}

/** Tells which header column a position in the text falls in, so that a bad byte can be located. */
export type ColumnFinder = (textBefore: string, wholeText: string) => string | undefined;

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/**
 * Decodes an input file as UTF-8 (a BOM is dropped). Any other encoding is refused rather than
 * guessed: a wrong guess would silently turn "Malmö" into "MalmÃ¶" and split one category in two.
 * UTF-16 with a BOM is unambiguous, so it is accepted (Excel's "Unicode text" export).
 */
export function decodeText(bytes: Uint8Array, file: string, findColumn?: ColumnFinder): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (zipSignature.every((byte, i) => bytes[i] === byte)) {
    throw inputError(
      { file },
      'looks like an Excel workbook, not a text file; give it the extension .xlsx or save it as "CSV UTF-8".',
      'workbook-as-text',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(bytes, file, findColumn);
  }
}

/** Reads a file and decodes it as `decodeText` does. */
export async function readTextFile(path: string, findColumn?: ColumnFinder): Promise<string> {
  return decodeText(await readInputBytes(path), path, findColumn);
}

function notUtf8(bytes: Uint8Array, file: string, findColumn?: ColumnFinder) {
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const line = countLineBreaks(before) + 1;
  const column = findColumn?.(before, new TextDecoder('utf-8').decode(bytes));
  const byte = bytes[offset];
  // Most non-UTF-8 files here are Windows-1252 (Excel's "CSV" on Windows); naming the character
  // it would be there helps the person find the spot.
  const asWindows1252 = new TextDecoder('windows-1252').decode(bytes.subarray(offset, offset + 1));
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return inputError(
    { file, line, column },
    `byte ${hex} is not UTF-8 (in Windows-1252/Latin-1 it would be "${asWindows1252}"). ` +
      'Save the file as UTF-8 (in Excel: Save As → "CSV UTF-8") and read it again.',
    'not-utf8',
    { byte: hex, character: asWindows1252 },
  );
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 when all are fine. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

// Byte ranges from the Unicode standard's table of well-formed UTF-8 (overlong forms and
// surrogates excluded), so that the reported byte is the one TextDecoder stumbled on.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (i + length > bytes.length) return 0;
  const second = bytes[i + 1];
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k];
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Counts line breaks the way editors number lines: CRLF, LF and a lone CR each end one line. */
export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
