/**
 * One row of delimited text (RFC 4180), found in raw bytes. A register extract can have millions of
 * rows, so the scanner neither decodes text nor allocates per row: it records where each cell starts
 * and ends in the buffer, and callers decode only the cells they need. This works on UTF-8 bytes
 * because the delimiter, the quote and the line breaks are ASCII, and no byte of a multi-byte UTF-8
 * sequence is ever an ASCII byte.
 *
 * Why not a CSV library: on the 5,000,000-row benchmark file (bench/register-extract.ts, 305 MB),
 * only parsing and counting the rows took csv-parse 26 s and fast-csv 39 s, more than the whole draw
 * may take, and papaparse 5.3 s, against 1.4 s for this scanner with UTF-8 checks and line numbers
 * (docs/benchmarks.md). They build a string per cell and an array per row; and none of them says at
 * which byte a row starts, which the draw needs to read the drawn rows again without keeping them.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Why a row could not be scanned cleanly, beyond a wrong number of cells (which the caller judges). */
export type RowFault =
  /** A quoted cell has text between its closing quote and the next delimiter. */
  | 'text-after-quote'
  /** The data ended inside a quoted cell. */
  | 'unterminated-quote';

/**
 * Scans rows in place. The cell arrays are reused from row to row: read them before the next scan.
 * A row wider than `capacity` is counted in full but only its first `capacity` cells are recorded.
 */
export class RowScanner {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 when the cell was quoted: its bytes may then hold doubled quotes (`""`) and line breaks. */
  readonly quoted: Uint8Array;
  /** Cells in the last row scanned. */
  cells = 0;
  /** Line breaks in the last row scanned, its own terminator included (0 for the last row of a file without one). */
  lineBreaks = 0;
  fault: RowFault | null = null;
  /** Cell (0-based) where `fault` was found. */
  faultCell = -1;
  private readonly delimiter: number;

  constructor(delimiter: string, capacity: number) {
    this.delimiter = delimiter.charCodeAt(0);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.quoted = new Uint8Array(capacity);
  }

  /**
   * Scans the row that starts at `pos` and returns the position just after it (after its line
   * break), or -1 when the row runs past `limit` and more bytes are needed. With `final` true,
   * `limit` is the end of the data, so every row ends there at the latest.
   */
  scan(bytes: Uint8Array, pos: number, limit: number, final: boolean): number {
    const delimiter = this.delimiter;
    const capacity = this.starts.length;
    let cell = 0;
    let breaks = 0;
    this.fault = null;
    this.faultCell = -1;
    for (;;) {
      let start: number;
      let end: number;
      let quoted = 0;
      if (pos < limit && bytes[pos] === QUOTE) {
        quoted = 1;
        pos++;
        start = pos;
        for (;;) {
          if (pos >= limit) {
            if (!final) return -1;
            this.fault = 'unterminated-quote';
            this.faultCell = cell;
            break;
          }
          const c = bytes[pos];
          if (c === QUOTE) {
            if (pos + 1 >= limit && !final) return -1;
            if (bytes[pos + 1] === QUOTE) {
              pos += 2;
              continue;
            }
            break;
          }
          if (c === LF) breaks++;
          else if (c === CR) {
            if (pos + 1 >= limit && !final) return -1;
            if (bytes[pos + 1] !== LF) breaks++;
          }
          pos++;
        }
        end = pos;
        if (pos < limit) pos++; // the closing quote
        if (pos < limit) {
          const c = bytes[pos];
          if (c !== delimiter && c !== LF && c !== CR) {
            if (this.fault === null) {
              this.fault = 'text-after-quote';
              this.faultCell = cell;
            }
            // Skip the stray text so that the rest of the row still lines up with the header.
            while (pos < limit) {
              const d = bytes[pos];
              if (d === delimiter || d === LF || d === CR) break;
              pos++;
            }
          }
        }
      } else {
        start = pos;
        while (pos < limit) {
          const c = bytes[pos];
          if (c === delimiter || c === LF || c === CR) break;
          pos++;
        }
        end = pos;
      }
      if (pos >= limit && !final) return -1;
      if (cell < capacity) {
        this.starts[cell] = start;
        this.ends[cell] = end;
        this.quoted[cell] = quoted;
      }
      cell++;
      if (pos >= limit) break;
      const c = bytes[pos];
      if (c === delimiter) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= limit && !final) return -1;
        pos += bytes[pos + 1] === LF ? 2 : 1;
      } else pos++;
      breaks++;
      break;
    }
    this.cells = cell;
    this.lineBreaks = breaks;
    return pos;
  }

  /** True when every cell of the last row is empty (a blank line, or a line of bare delimiters). */
  isBlank(): boolean {
    const recorded = Math.min(this.cells, this.starts.length);
    if (recorded < this.cells) return false;
    for (let i = 0; i < recorded; i++) if (this.ends[i] > this.starts[i]) return false;
    return true;
  }

  /** The text of a recorded cell of the last row, with doubled quotes undone. */
  text(bytes: Buffer, cell: number): string {
    const raw = bytes.toString('utf8', this.starts[cell], this.ends[cell]);
    return this.quoted[cell] === 1 ? raw.replaceAll('""', '"') : raw;
  }
}

/**
 * The delimiter of a header line: whichever of tab, `;` and `,` occurs most often outside quotes,
 * ties in that order. Swedish Excel writes `;` (its decimal separator is `,`), so a header with
 * both is `;`-separated with commas inside names. Returns null when `limit` comes before the end of
 * the header line and `final` is false.
 */
export function sniffDelimiter(bytes: Uint8Array, pos: number, limit: number, final: boolean): string | null {
  let tabs = 0;
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (; pos < limit; pos++) {
    const c = bytes[pos];
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) break;
    else if (c === 0x09) tabs++;
    else if (c === 0x3b) semicolons++;
    else if (c === 0x2c) commas++;
  }
  if (pos >= limit && !final) return null;
  if (tabs >= semicolons && tabs >= commas && tabs > 0) return '\t';
  if (semicolons >= commas && semicolons > 0) return ';';
  return ',';
}
