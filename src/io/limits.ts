/**
 * How much of an input file the readers take on before refusing it. A crafted file can be tiny on
 * disk and huge once read (a workbook is a zip: 400 KB can unpack to 400 MB), so every reader checks
 * these while it reads, stops at the first one crossed and names it in the message.
 *
 * The numbers are far above what an assembly needs: a pool or an import is the people who answered
 * the letters, a few thousand rows of some dozens of columns; the largest national assemblies get
 * tens of thousands of answers. They are low enough that a file at the limits still reads in
 * seconds and a few hundred megabytes. `docs/formats.md` lists them.
 */
export const inputLimits = {
  /** Bytes of one input file as stored (CSV, JSON, keep list, or the zipped workbook). */
  fileBytes: 100 * 1024 * 1024,
  /** Rows that hold at least one value, the header included. */
  rows: 200_000,
  /** Columns: a value further right than this is refused. */
  columns: 200,
  /** Non-empty cells in the whole table. 1,000,000 is e.g. 20,000 people with 50 answers each. */
  cells: 1_000_000,
  /** Characters in one cell; a long free-text answer is a few thousand. */
  cellCharacters: 10_000,
  /** Parts (files) inside a workbook's zip; Excel writes about a dozen. */
  workbookEntries: 10_000,
  /** Bytes the parts of a workbook add up to once unpacked, as declared and as actually unpacked. */
  workbookUnpackedBytes: 200 * 1024 * 1024,
} as const;

/** `12,345,678` for messages: limits are easier to read with thousands separators. */
export function formatLimit(n: number): string {
  return n.toLocaleString('en-US');
}

/** `100 MB`: a byte limit as people write it. */
export function formatBytes(n: number): string {
  return `${formatLimit(Math.round(n / (1024 * 1024)))} MB`;
}
