/**
 * Stage 1 of recruitment: who gets an invitation letter. From a register extract, draw `count`
 * letters with a recorded seed, at most one per household, uniformly or stratified by an area column
 * with oversampling weights, each with its own invite code. The same file, options and seed give the
 * same letters in the same order with the same codes.
 *
 * Memory stays small on registers of millions of rows: the first pass keeps only numbers per row
 * (household hash, stratum and byte offset: 14 bytes), the draw works on those, and only the rows
 * that get letters are read again, by their byte offsets, to fill in their fields.
 */
import { readTextFile } from '../io/text-file.ts';
import { shorten } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';
import { allocateLetters } from './allocate.ts';
import { HouseholdHasher, householdKeyText } from './households.ts';
import { inviteCodesFor } from './invite-codes.ts';
import { LineNumbers } from './line-numbers.ts';
import { type RegisterLayout, type RegisterRow, readRegister, readRegisterRows } from './register-reader.ts';
import { drawHouseholds, groupHouseholds, type RegisterIndex } from './sample.ts';
import { MAX_STRATA, Strata } from './strata.ts';
import { parseWeights, weightsForStrata } from './weights.ts';

export interface InvitationDrawOptions {
  count: number;
  seed: string;
  householdColumns?: string[];
  stratifyColumn?: string;
  weights?: Record<string, number>;
  /**
   * Register lines that got a letter in an earlier draw from this file (a second mail-out): their
   * whole households are left out, so nobody gets a second letter.
   */
  excludeLines?: ReadonlySet<number>;
  onProgress?: (rowsRead: number) => void;
}

export interface DrawnLetter {
  /** Line of the register file where the row starts (the header is line 1). */
  line: number;
  /** Every register column of the row, by header name, as written in the file. */
  fields: Record<string, string>;
  /** The row's stratum as first spelled in the file; null when the draw is not stratified. */
  stratum: string | null;
  inviteCode: string;
}

export interface StratumAllocation {
  /** The value as first spelled in the register; '' for the rows that leave it blank. */
  stratum: string;
  /** Households counted in this stratum (a household whose rows differ counts where its chosen row is). */
  households: number;
  weight: number;
  letters: number;
}

/** Something the organiser should know about a draw; `code` names the message, `params` fill it. */
export interface DrawWarning {
  code: string;
  params: Record<string, string | number>;
}

export interface InvitationDrawResult {
  /** Register columns in file order. */
  columns: string[];
  /** In the order of the draw. */
  letters: DrawnLetter[];
  rowsRead: number;
  households: number;
  /** One entry per stratum in order of first appearance in the register; empty without strata. */
  allocation: StratumAllocation[];
  warnings: DrawWarning[];
  /** Rows left out because their household was invited before (excludeLines). */
  excludedRows?: number;
}

/** Seeds shorter than this are easy to guess, and the invite codes are only as secret as the seed. */
const SHORT_SEED = 16;
/** Rows the first arrays hold before their size is estimated from the file size. */
const FIRST_CAPACITY = 1 << 16;

/** Reads a weights file (`stratum,weight` CSV or `{stratum: weight}` JSON); errors name file and line. */
export async function readWeightsFile(file: string): Promise<Record<string, number>> {
  return parseWeights(await readTextFile(file), file);
}

function checkOptions(options: InvitationDrawOptions): void {
  if (!Number.isSafeInteger(options.count) || options.count < 1) {
    throw new InputError(
      `The number of letters must be a whole number of 1 or more, not ${options.count}.`,
      {},
      'bad-option',
    );
  }
  if (typeof options.seed !== 'string' || options.seed === '') {
    throw new InputError(
      'A seed is needed: the draw is repeatable from it, and the invite codes are derived from it.',
      {},
      'bad-option',
    );
  }
  if (options.weights !== undefined && options.stratifyColumn === undefined) {
    throw new InputError(
      'Weights apply to strata; name the column to stratify by as well.',
      {},
      'bad-option',
    );
  }
}

/** Index of a column named as given (case and surrounding spaces ignored), or an error listing the columns. */
function columnIndex(layout: RegisterLayout, name: string, role: string): number {
  const wanted = name.trim().toLowerCase();
  const index = layout.columns.findIndex((column) => column.toLowerCase() === wanted);
  if (index >= 0) return index;
  throw new InputError(
    `${layout.file}: there is no column "${shorten(name.trim())}" (${role}). The columns are: ${shorten(layout.columns.join(', '))}.`,
    { file: layout.file, column: shorten(name) },
    'missing-column',
  );
}

/** The per-row arrays of the first pass, grown once to an estimate from the file size. */
class RowArrays implements RegisterIndex {
  rows = 0;
  household = new Float64Array(FIRST_CAPACITY);
  stratum = new Uint16Array(FIRST_CAPACITY);
  readonly lines = new LineNumbers();
  /** Byte offsets: 4 bytes each for files under 4 GiB, which registers are, 8 for larger ones. */
  offset: Uint32Array | Float64Array = new Uint32Array(FIRST_CAPACITY);

  useOffsetsUpTo(size: number): void {
    if (size >= 2 ** 32) this.offset = new Float64Array(this.offset.length);
  }

  add(household: number, stratum: number, line: number, offset: number, fileSize: number): void {
    if (this.rows === this.household.length) this.grow(offset, fileSize);
    const r = this.rows++;
    this.household[r] = household;
    this.stratum[r] = stratum;
    this.lines.add(line);
    this.offset[r] = offset;
  }

  /**
   * Room for the rest of the file at the average row length so far, plus a margin. Pages the rows
   * never reach are never touched, so a generous estimate costs no memory.
   */
  private grow(bytesSoFar: number, fileSize: number): void {
    const estimate = Math.ceil((this.rows / Math.max(1, bytesSoFar)) * fileSize * 1.2) + FIRST_CAPACITY;
    const capacity = Math.max(estimate, Math.ceil(this.rows * 1.5));
    const household = new Float64Array(capacity);
    household.set(this.household);
    this.household = household;
    const stratum = new Uint16Array(capacity);
    stratum.set(this.stratum);
    this.stratum = stratum;
    const offset =
      this.offset instanceof Uint32Array ? new Uint32Array(capacity) : new Float64Array(capacity);
    offset.set(this.offset);
    this.offset = offset;
  }
}

/** The rows of households not invited before, in file order; the others are dropped whole. */
function withoutHouseholds(rows: RowArrays, excluded: ReadonlySet<number>, fileSize: number): RowArrays {
  const kept = new RowArrays();
  kept.useOffsetsUpTo(fileSize);
  for (let r = 0; r < rows.rows; r++) {
    if (excluded.has(rows.household[r])) continue;
    kept.add(rows.household[r], rows.stratum[r], rows.lines.lineOf(r), rows.offset[r], fileSize);
  }
  return kept;
}

/** Draws the invitation letters from the register extract in `file`; see the module comment. */
export async function drawInvitations(
  file: string,
  options: InvitationDrawOptions,
): Promise<InvitationDrawResult> {
  checkOptions(options);
  const hasher = new HouseholdHasher(options.seed);
  const strata = new Strata();
  let rows = new RowArrays();
  let householdColumns: number[] = [];
  let stratifyColumn = -1;
  let fileSize = 0;
  let blankAddresses = 0;
  const excludedHouseholds = new Set<number>();
  const stratumOf = (row: RegisterRow): number => {
    const number = strata.numberOfBytes(row.bytes, row.start(stratifyColumn), row.end(stratifyColumn), () =>
      row.text(stratifyColumn),
    );
    if (number < 0) {
      throw new InputError(
        `${file}: the column "${options.stratifyColumn}" has more than ${MAX_STRATA.toLocaleString('en-GB')} different values, ` +
          'so it is not an area; stratify by a column such as the municipality.',
        { file, column: options.stratifyColumn },
        'too-many-strata',
      );
    }
    return number;
  };

  const { layout, rowsRead } = await readRegister(file, {
    header(found) {
      fileSize = found.size;
      rows.useOffsetsUpTo(found.size);
      householdColumns = (options.householdColumns ?? []).map((name) =>
        columnIndex(found, name, 'household column'),
      );
      if (options.stratifyColumn !== undefined)
        stratifyColumn = columnIndex(found, options.stratifyColumn, 'stratify column');
    },
    row(row) {
      let household: number | null = null;
      if (householdColumns.length > 0) {
        household = hasher.hashCells(row, householdColumns);
        if (household === null) blankAddresses++;
      }
      const stratum = stratifyColumn >= 0 ? stratumOf(row) : 0;
      const key = household ?? hasher.hashRow(row.line);
      if (options.excludeLines?.has(row.line)) excludedHouseholds.add(key);
      rows.add(key, stratum, row.line, row.offset, fileSize);
    },
    progress: options.onProgress,
  });

  const stratified = stratifyColumn >= 0;
  const strataCount = stratified ? strata.labels.length : 1;
  const kept = excludedHouseholds.size > 0 ? withoutHouseholds(rows, excludedHouseholds, fileSize) : rows;
  const excludedRows = rows.rows - kept.rows;
  rows = kept;
  const households = groupHouseholds(rows, strataCount, options.seed);
  const { perStratum: weights, unknown } = stratified
    ? weightsForStrata(strata, options.weights)
    : { perStratum: [1], unknown: [] };
  const letters = allocateLetters(options.count, households.perStratum, weights);
  const drawn = drawHouseholds(households, rows.stratum, letters);

  const offsets = Array.from(drawn, (r) => rows.offset[r]);
  const cells = await readRegisterRows(layout, offsets);
  const keys = cells.map((row, i) => {
    const parts = householdColumns.map((column) => row[column]);
    return (
      (householdColumns.length > 0 ? householdKeyText(parts) : null) ?? `row ${rows.lines.lineOf(drawn[i])}`
    );
  });
  const codes = inviteCodesFor(options.seed, keys);
  const drawnLetters: DrawnLetter[] = cells.map((row, i) => ({
    line: rows.lines.lineOf(drawn[i]),
    fields: Object.fromEntries(layout.columns.map((column, c) => [column, row[c]])),
    stratum: stratified ? strata.labels[rows.stratum[drawn[i]]] : null,
    inviteCode: codes[i],
  }));

  // Codes with parameters, not sentences: the command line and the web word them in the reader's
  // language (catalogue keys `invitation_warnings.<code>`).
  const warnings: DrawWarning[] = [];
  if (options.seed.length < SHORT_SEED) {
    warnings.push({ code: 'short_seed', params: { length: options.seed.length, minimum: SHORT_SEED } });
  }
  if (households.count < options.count) {
    warnings.push({ code: 'fewer_households', params: { count: households.count, letters: options.count } });
  }
  if (blankAddresses > 0) {
    warnings.push({
      code: 'blank_addresses',
      params: { count: blankAddresses, columns: shorten((options.householdColumns ?? []).join(', ')) },
    });
  }
  if (stratified && strata.find('') !== undefined) {
    warnings.push({ code: 'blank_stratum', params: { column: shorten(options.stratifyColumn ?? '') } });
  }
  if (households.splitAcrossStrata > 0) {
    warnings.push({
      code: 'split_households',
      params: { count: households.splitAcrossStrata, column: shorten(options.stratifyColumn ?? '') },
    });
  }
  for (const name of unknown) {
    warnings.push({
      code: 'unused_weight',
      params: { name: shorten(name), column: shorten(options.stratifyColumn ?? '') },
    });
  }
  const exhaustive = drawn.length === households.count;
  const full = letters.filter((n, s) => n > 0 && n === households.perStratum[s]).length;
  if (stratified && !exhaustive && full > 0) {
    warnings.push({ code: 'full_strata', params: { count: full } });
  }

  return {
    columns: layout.columns,
    letters: drawnLetters,
    rowsRead,
    households: households.count,
    allocation: stratified
      ? strata.labels.map((stratum, s) => ({
          stratum,
          households: households.perStratum[s],
          weight: weights[s],
          letters: letters[s],
        }))
      : [],
    warnings,
    ...(options.excludeLines ? { excludedRows } : {}),
  };
}
