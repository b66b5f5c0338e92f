/**
 * Reads a register extract (a population register's CSV) without holding it in memory: the file is
 * read in chunks of a few megabytes into one reused buffer, and every row is handed to a callback
 * while it is still bytes. This is the only module of src/invitations that touches files.
 *
 * A register with broken rows is refused as a whole ("all or nothing"): a row that is wider or
 * narrower than the header, a quote that never closes, or bytes that are not UTF-8 mean the file was
 * exported wrongly, and drawing from the rows that happen to parse would silently leave people out.
 * The reader keeps going to the end so that the organiser gets every problem at once (the first 20
 * with line numbers, and the total).
 */

import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { inputError } from '../io/location.ts';
import { firstInvalidUtf8 } from '../io/text-file.ts';
import { shorten } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';
import { RowScanner, sniffDelimiter } from './row-scanner.ts';

/** Reads go in chunks of this size into a buffer of twice that. */
const CHUNK_BYTES = 2 * 1024 * 1024;
/**
 * No register row is this long; a row that grows past it is a quote that never closes and swallows
 * the rest of the file, and is reported as such rather than read into memory.
 */
const MAX_ROW_BYTES = 4 * 1024 * 1024;
/** More problems than this are counted but not listed. */
export const MAX_LISTED_PROBLEMS = 20;
/** Header cells the scanner records; a header with more is refused. */
const MAX_COLUMNS = 4096;

export type Delimiter = ',' | ';' | '\t';

/** One thing wrong in a register file. `line` counts the header as line 1, like an editor does. */
export interface RegisterProblem {
  line: number;
  /** Header name of the column, when the problem is in one cell. */
  column?: string;
  message: string;
  /** Stable name of the problem and the values a translation needs (catalogue `reader.row.<code>`). */
  code: string;
  params?: Record<string, string | number>;
}

/** A register that cannot be used, with the problems found (at most MAX_LISTED_PROBLEMS listed). */
export class RegisterError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: readonly RegisterProblem[],
    /** All problems, including those not listed. */
    readonly total: number,
  ) {
    super(describeProblems(file, problems, total), { file, row: problems[0]?.line }, 'register-rows');
    this.name = 'RegisterError';
  }
}

function describeProblems(file: string, problems: readonly RegisterProblem[], total: number): string {
  const head =
    total === 1
      ? `${file}: 1 row cannot be read, so nothing was drawn (a register with broken rows is refused as a whole). Fix it and draw again:`
      : `${file}: ${total.toLocaleString('en-GB')} rows cannot be read, so nothing was drawn (a register with broken rows is refused as a whole). Fix them and draw again:`;
  const lines = problems.map(
    (p) => `  line ${p.line}${p.column === undefined ? '' : `, column "${p.column}"`}: ${p.message}`,
  );
  if (total > problems.length)
    lines.push(`  … and ${(total - problems.length).toLocaleString('en-GB')} more.`);
  return [head, ...lines].join('\n');
}

/** What the header line says about the file, and enough to find the file's rows again. */
export interface RegisterLayout {
  file: string;
  /** Header names, trimmed, in file order. */
  columns: string[];
  delimiter: Delimiter;
  /** Size and modification time when reading started, to notice a file replaced between passes. */
  size: number;
  modified: number;
}

/**
 * The row being read, valid only during the callback (its buffer and cell positions are reused). Cell
 * positions index `bytes`; quoted cells still hold their doubled quotes there.
 */
export class RegisterRow {
  /** Line of the file where the row starts. */
  line = 0;
  /** Byte offset of the row in the file, for reading it again with `readRegisterRows`. */
  offset = 0;
  bytes: Buffer = Buffer.alloc(0);

  constructor(private readonly scanner: RowScanner) {}

  start(cell: number): number {
    return this.scanner.starts[cell];
  }

  end(cell: number): number {
    return this.scanner.ends[cell];
  }

  quoted(cell: number): boolean {
    return this.scanner.quoted[cell] === 1;
  }

  text(cell: number): string {
    return this.scanner.text(this.bytes, cell);
  }
}

export interface RegisterVisitor {
  /** Called once before any row. It may throw, e.g. when a column it needs is not in the file. */
  header(layout: RegisterLayout): void;
  /** Called for every well-formed, non-blank data row; no longer called once a problem was found. */
  row(row: RegisterRow): void;
  /** Called after each chunk with the number of data rows read so far. */
  progress?(rowsRead: number): void;
}

export interface RegisterReadResult {
  layout: RegisterLayout;
  /** Data rows read, blank lines not counted. */
  rowsRead: number;
}

/**
 * Streams the register through `visitor`. Throws an InputError when the file cannot be opened or
 * has no usable header, and a RegisterError after the whole file was read when any row is broken.
 */
export async function readRegister(
  file: string,
  visitor: RegisterVisitor,
  /** Bytes per read; only tests change it, to put chunk boundaries everywhere. */
  chunkBytes = CHUNK_BYTES,
): Promise<RegisterReadResult> {
  const handle = await openRegister(file);
  try {
    const info = await handle.stat();
    return await streamRows(handle, file, info.size, info.mtimeMs, visitor, chunkBytes);
  } finally {
    await handle.close();
  }
}

/** Reads only the header: the columns and the delimiter, e.g. to write output in the same dialect. */
export async function readRegisterLayout(file: string): Promise<RegisterLayout> {
  const found = new Error('header read');
  let layout: RegisterLayout | null = null;
  try {
    await readRegister(file, {
      header(seen) {
        layout = seen;
        throw found;
      },
      row() {},
    });
  } catch (error) {
    if (error !== found) throw error;
  }
  if (layout === null) throw new Error(`no header in ${file}`);
  return layout;
}

async function openRegister(file: string): Promise<FileHandle> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw inputError({ file }, 'this is a folder, not a file; give the path of a file.', 'not-a-file');
    }
    return await open(file, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw inputError({ file }, 'the file does not exist; check the path.', 'not-found');
    if (code === 'EACCES') {
      throw inputError(
        { file },
        'the file cannot be read (permission denied); check who may read it.',
        'unreadable',
      );
    }
    throw error;
  }
}

/** Collects problems, listing the first ones. */
class Problems {
  readonly listed: RegisterProblem[] = [];
  total = 0;

  add(problem: RegisterProblem): void {
    this.total++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
}

async function streamRows(
  handle: FileHandle,
  file: string,
  size: number,
  modified: number,
  visitor: RegisterVisitor,
  chunkBytes: number,
): Promise<RegisterReadResult> {
  let buffer = Buffer.allocUnsafe(2 * chunkBytes);
  const problems = new Problems();
  /** File offset of buffer[0]. */
  let base = 0;
  let filled = 0;
  let pos = 0;
  let eof = false;
  /** File offset up to which the bytes are known to be UTF-8, and up to which some are not. */
  let checkedUntil = 0;
  let invalidUntil = -1;
  let line = 1;
  let rowsRead = 0;
  let layout: RegisterLayout | null = null;
  let scanner: RowScanner | null = null;
  let named = 0;
  let current: RegisterRow | null = null;

  for (;;) {
    if (!eof) {
      if (filled === buffer.length) {
        // One row fills the whole buffer: grow it, up to the longest row a register can have.
        if (buffer.length >= MAX_ROW_BYTES) {
          if (layout === null) {
            throw inputError(
              { file, line: 1 },
              'the header line is longer than 4 MB, so this is not a register extract; check that it is a CSV file with one row per line.',
              'header-too-long',
            );
          }
          problems.add({
            line,
            code: 'too_long',
            message:
              'this row is longer than 4 MB, which no register row is: a quoted cell that starts here is probably ' +
              'never closed. Add the missing closing quote (") or remove the opening one.',
          });
          throw new RegisterError(file, problems.listed, problems.total);
        }
        const grown = Buffer.allocUnsafe(Math.min(MAX_ROW_BYTES, buffer.length * 2));
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
        if (current !== null) current.bytes = buffer;
      }
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        Math.min(chunkBytes, buffer.length - filled),
        base + filled,
      );
      if (bytesRead === 0) eof = true;
      filled += bytesRead;
      if (!eof && filled < buffer.length && filled - pos < chunkBytes) continue;
    }

    const safeEnd = eof ? filled : utf8SafeEnd(buffer, checkedUntil - base, filled);
    if (safeEnd > checkedUntil - base) {
      if (!isUtf8(buffer.subarray(checkedUntil - base, safeEnd))) invalidUntil = base + safeEnd;
      checkedUntil = base + safeEnd;
    }

    if (layout === null) {
      const header = readHeader(buffer, pos, filled, eof, base, file, size, modified);
      if (header === null) continue;
      if (invalidUntil > base + pos && !isUtf8(buffer.subarray(pos, header.end))) {
        throw notUtf8(buffer, pos, header.end, file, 1, undefined);
      }
      layout = header.layout;
      line = header.line;
      pos = header.end;
      named = layout.columns.length;
      scanner = new RowScanner(layout.delimiter, header.width);
      current = new RegisterRow(scanner);
      current.bytes = buffer;
      visitor.header(layout);
    }
    const rowScanner = scanner as RowScanner;
    const width = rowScanner.starts.length;

    while (pos < filled) {
      const end = rowScanner.scan(buffer, pos, filled, eof);
      if (end < 0) break;
      const rowLine = line;
      line += rowScanner.lineBreaks;
      if (rowScanner.isBlank()) {
        pos = end;
        continue;
      }
      rowsRead++;
      const problem =
        rowProblem(rowScanner, layout, named, width) ??
        (invalidUntil > base + pos ? utf8Problem(buffer, pos, end, rowScanner, layout) : null);
      if (problem !== null) problems.add({ line: rowLine, ...problem });
      else if (problems.total === 0 && current !== null) {
        current.line = rowLine;
        current.offset = base + pos;
        visitor.row(current);
      }
      pos = end;
    }

    visitor.progress?.(rowsRead);
    if (eof) break;
    buffer.copyWithin(0, pos, filled);
    base += pos;
    filled -= pos;
    pos = 0;
  }

  if (layout === null) {
    throw inputError({ file }, 'the file is empty; it needs a header line and one line per person.', 'empty');
  }
  if (problems.total > 0) throw new RegisterError(file, problems.listed, problems.total);
  if (rowsRead === 0) {
    throw inputError(
      { file },
      'the file has a header but no rows; a register extract has one line per person below the header.',
      'no-rows',
    );
  }
  return { layout, rowsRead };
}

interface Header {
  layout: RegisterLayout;
  /** Cells in the header, unnamed trailing ones included. */
  width: number;
  /** Buffer position after the header line, and the line the first data row starts on. */
  end: number;
  line: number;
}

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

/** The header (the first non-blank line), or null when more bytes are needed to see all of it. */
function readHeader(
  buffer: Buffer,
  pos: number,
  filled: number,
  eof: boolean,
  base: number,
  file: string,
  size: number,
  modified: number,
): Header | null {
  if (base === 0 && pos === 0) {
    if (filled < 4 && !eof) return null;
    const bom16 = (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff);
    if (filled >= 2 && bom16) {
      throw inputError(
        { file },
        'is saved as UTF-16 ("Unicode text"); save the register as UTF-8 (in Excel: Save As → "CSV UTF-8") and try again.',
        'utf16',
      );
    }
    if (filled >= 4 && zipSignature.every((byte, i) => buffer[i] === byte)) {
      throw inputError(
        { file },
        'looks like an Excel workbook, not a CSV file; save it as "CSV UTF-8" and try again.',
        'workbook-as-text',
      );
    }
  }
  let start =
    base === 0 && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : pos;
  const delimiter = sniffDelimiter(buffer, start, filled, eof) as Delimiter | null;
  if (delimiter === null) return null;
  const scanner = new RowScanner(delimiter, MAX_COLUMNS);
  let line = 1;
  for (;;) {
    if (start >= filled) {
      if (eof)
        throw inputError(
          { file },
          'the file is empty; it needs a header line and one line per person.',
          'empty',
        );
      return null;
    }
    const end = scanner.scan(buffer, start, filled, eof);
    if (end < 0) return null;
    if (!scanner.isBlank()) {
      const headerLine = line;
      line += scanner.lineBreaks;
      if (scanner.cells > MAX_COLUMNS) {
        throw inputError(
          { file, line: headerLine },
          `the header has more than ${MAX_COLUMNS} columns; is this a register extract?`,
          'too-many-columns',
        );
      }
      if (scanner.fault !== null) {
        throw inputError(
          { file, line: headerLine },
          'a quoted column name is not closed properly; put the whole name in quotes and double any quote inside it ("").',
          'bad-quotes',
          { context: 'header' },
        );
      }
      const names = Array.from({ length: scanner.cells }, (_, i) => scanner.text(buffer, i).trim());
      let named = names.length;
      while (named > 0 && names[named - 1] === '') named--;
      const columns = names.slice(0, named);
      checkColumnNames(columns, file, headerLine);
      return {
        layout: { file, columns, delimiter, size, modified },
        width: scanner.cells,
        end,
        line,
      };
    }
    line += scanner.lineBreaks;
    start = end;
  }
}

function checkColumnNames(columns: string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name === '') {
      throw inputError(
        { file, line },
        `column ${i + 1} of the header has no name; type a name for it or delete the column.`,
        'unnamed-column',
        { position: i + 1 },
      );
    }
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      throw inputError(
        { file, line, column: name },
        `columns ${earlier + 1} and ${i + 1} are both called "${shorten(columns[earlier])}"; rename or delete one of them.`,
        'duplicate-column',
        { first: earlier + 1, second: i + 1, name: columns[earlier] },
      );
    }
    seen.set(name.toLowerCase(), i);
  });
}

function delimiterName(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/** What is wrong with the shape of the row just scanned, or null. */
function rowProblem(
  scanner: RowScanner,
  layout: RegisterLayout,
  named: number,
  width: number,
): Omit<RegisterProblem, 'line'> | null {
  if (scanner.fault === null && scanner.cells === width && width === named) return null;
  const column = (cell: number) => layout.columns[cell];
  if (scanner.fault === 'unterminated-quote') {
    return {
      column: column(scanner.faultCell),
      code: 'unclosed_quote',
      message:
        'a quoted cell starts on this line and its closing quote (") is missing before the end of the file; ' +
        'add it, or remove the opening quote.',
    };
  }
  if (scanner.fault === 'text-after-quote') {
    return {
      column: column(scanner.faultCell),
      code: 'text_after_quote',
      message:
        'a quoted cell has text after its closing quote ("); put the whole cell in quotes and double any quote inside it ("").',
    };
  }
  const name = delimiterName(layout.delimiter);
  const context = layout.delimiter === '\t' ? 'tab' : 'delimiter';
  if (scanner.cells > width) {
    return {
      code: 'too_many_cells',
      params: { cells: scanner.cells, columns: named, delimiter: layout.delimiter, context },
      message:
        `this row has ${scanner.cells} cells but the header has ${named} columns; a value probably contains a ${name}: ` +
        `put that value in double quotes or remove the extra ${name}.`,
    };
  }
  if (scanner.cells < named) {
    return {
      code: 'too_few_cells',
      params: { count: scanner.cells, columns: named, delimiter: layout.delimiter, context },
      message:
        `this row has ${scanner.cells} cells but the header has ${named} columns; a ${name} is missing, ` +
        'or a line break inside a value split the row in two (put such a value in double quotes).',
    };
  }
  for (let cell = named; cell < scanner.cells; cell++) {
    if (scanner.ends[cell] > scanner.starts[cell]) {
      return {
        code: 'unnamed_cell',
        params: { cell: cell + 1 },
        message: `cell ${cell + 1} has a value but its column has no name in the header; name the column or delete the value.`,
      };
    }
  }
  return null;
}

function utf8Problem(
  buffer: Buffer,
  start: number,
  end: number,
  scanner: RowScanner,
  layout: RegisterLayout,
): Omit<RegisterProblem, 'line'> | null {
  const bytes = buffer.subarray(start, end);
  if (isUtf8(bytes)) return null;
  const at = start + Math.max(0, firstInvalidUtf8(bytes));
  let cell = 0;
  while (cell < scanner.cells - 1 && scanner.ends[cell] < at) cell++;
  const byte = buffer[at];
  return {
    column: layout.columns[cell],
    code: 'not_utf8',
    params: {
      byte: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
      character: new TextDecoder('windows-1252').decode(Uint8Array.of(byte)),
    },
    message: notUtf8Message(byte),
  };
}

function notUtf8Message(byte: number): string {
  // Most non-UTF-8 registers are Windows-1252 (Excel's "CSV" on Windows); naming the character it
  // would be there helps the person find the spot.
  const asWindows1252 = new TextDecoder('windows-1252').decode(Uint8Array.of(byte));
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return (
    `byte ${hex} is not UTF-8 (in Windows-1252/Latin-1 it would be "${asWindows1252}"). ` +
    'Save the file as UTF-8 (in Excel: Save As → "CSV UTF-8") and try again.'
  );
}

function notUtf8(
  buffer: Buffer,
  start: number,
  end: number,
  file: string,
  line: number,
  column: string | undefined,
) {
  const at = start + Math.max(0, firstInvalidUtf8(buffer.subarray(start, end)));
  const byte = buffer[at];
  return inputError({ file, line, column }, notUtf8Message(byte), 'not-utf8', {
    byte: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    character: new TextDecoder('windows-1252').decode(Uint8Array.of(byte)),
  });
}

/**
 * Where the bytes from `from` to `to` can be cut for a UTF-8 check without splitting a character:
 * before a multi-byte sequence that the chunk ends in the middle of.
 */
function utf8SafeEnd(bytes: Uint8Array, from: number, to: number): number {
  let i = to - 1;
  let continuation = 0;
  while (i >= from && continuation < 3 && (bytes[i] & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < from) return to;
  const lead = bytes[i];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + length > to ? i : to;
}

/**
 * Reads the rows that start at the given byte offsets (found by `readRegister`) and returns their
 * cells, in the order of `offsets`. Reads only the parts of the file around those rows.
 */
export async function readRegisterRows(
  layout: RegisterLayout,
  offsets: readonly number[],
): Promise<string[][]> {
  const handle = await openRegister(layout.file);
  try {
    const info = await handle.stat();
    if (info.size !== layout.size || info.mtimeMs !== layout.modified) {
      throw inputError(
        { file: layout.file },
        'the file changed while it was being read; wait until it is completely written and draw again.',
        'changed',
      );
    }
    const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
    const result: string[][] = new Array(offsets.length);
    const scanner = new RowScanner(layout.delimiter, layout.columns.length + 1);
    let window = Buffer.allocUnsafe(256 * 1024);
    let windowStart = 0;
    let windowLength = 0;
    for (const index of order) {
      const offset = offsets[index];
      for (;;) {
        const inWindow = offset >= windowStart && offset < windowStart + windowLength;
        const atEnd = windowStart + windowLength >= layout.size;
        const end = inWindow ? scanner.scan(window, offset - windowStart, windowLength, atEnd) : -1;
        if (end >= 0) break;
        if (inWindow && offset === windowStart && !atEnd) {
          if (window.length >= MAX_ROW_BYTES) throw changedFile(layout.file);
          window = Buffer.allocUnsafe(window.length * 2);
        }
        const { bytesRead } = await handle.read(window, 0, window.length, offset);
        if (bytesRead === 0) throw changedFile(layout.file);
        windowStart = offset;
        windowLength = bytesRead;
      }
      if (scanner.cells < layout.columns.length || scanner.fault !== null) throw changedFile(layout.file);
      result[index] = layout.columns.map((_, cell) => scanner.text(window, cell));
    }
    return result;
  } finally {
    await handle.close();
  }
}

function changedFile(file: string): InputError {
  return inputError(
    { file },
    'the file changed while it was being read; wait until it is completely written and draw again.',
    'changed',
  );
}
