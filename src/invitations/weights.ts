/**
 * Oversampling weights per stratum: `stratum,weight` as CSV (any delimiter, a header line first) or
 * `{"stratum": weight}` as JSON. A weight of 2 sends twice as many letters per household to that
 * stratum, for areas where fewer people answer. Strata without a weight get 1.
 */
import { formatLimit, inputLimits } from '../io/limits.ts';
import { inputError } from '../io/location.ts';
import { shorten } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';
import { RowScanner, sniffDelimiter } from './row-scanner.ts';
import { type Strata, stratumKey } from './strata.ts';

/** A weight as typed: `2`, `1.5` or, from Swedish spreadsheets, `1,5`. NaN when it is not a number. */
function parseNumber(text: string): number {
  const trimmed = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The range of a weight. Letters go to the strata in proportion to households × weight, so only the
 * ratios between weights matter: 1000 against 0.001 is a ratio of a million, far past the point where
 * one stratum gets every letter and the other none. Outside the range a typo (1e308, 0.0000001) would
 * overflow or vanish in that product instead of being caught.
 */
export const weightRange = { min: 0.001, max: 1000 } as const;

/** True for a weight in `weightRange`. */
export function isOversamplingWeight(weight: number): boolean {
  return Number.isFinite(weight) && weight >= weightRange.min && weight <= weightRange.max;
}

const weightAdvice = `write a number from ${weightRange.min} to ${weightRange.max}, e.g. 1, 1.5 or 2`;

/** Reads a weights file's text; `file` names it in messages and tells JSON (`.json`) from CSV. */
export function parseWeights(text: string, file: string): Record<string, number> {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (file.toLowerCase().endsWith('.json') || content.trimStart().startsWith('{'))
    return parseJsonWeights(content, file);
  const table = parseCsv(content, file);
  if (!Number.isNaN(parseNumber(table.headers[1]))) {
    throw inputError(
      { file, line: 1 },
      'the first line must be a header naming the two columns (e.g. "kommun,vikt"); it holds a weight instead.',
      'weights-header',
    );
  }
  const weights: Record<string, number> = {};
  const lines = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const [stratum, text] = cells;
    if (stratum === '') {
      throw inputError(
        { file, line, column: table.headers[0] },
        'the stratum is blank; type its name or delete the line.',
        'weights-blank',
      );
    }
    const weight = parseNumber(text);
    if (!isOversamplingWeight(weight)) {
      throw inputError(
        { file, line, column: table.headers[1] },
        `the weight "${shorten(text)}" is not a number from ${weightRange.min} to ${weightRange.max}; ${weightAdvice}.`,
        'weights-number',
      );
    }
    const earlier = lines.get(stratumKey(stratum));
    if (earlier !== undefined) {
      throw inputError(
        { file, line, column: table.headers[0] },
        `"${shorten(stratum)}" already has a weight on line ${earlier}; keep one of the two lines.`,
        'weights-duplicate',
      );
    }
    lines.set(stratumKey(stratum), line);
    weights[stratum] = weight;
  }
  return weights;
}

/**
 * A small CSV (the header, then one line per stratum) read with the register's own scanner, which
 * keeps the spreadsheet libraries out of the draw's memory.
 */
function parseCsv(
  text: string,
  file: string,
): { headers: string[]; rows: { line: number; cells: string[] }[] } {
  const bytes = Buffer.from(text, 'utf8');
  const delimiter = sniffDelimiter(bytes, 0, bytes.length, true) ?? ',';
  const scanner = new RowScanner(delimiter, 64);
  const rows: { line: number; cells: string[] }[] = [];
  let pos = 0;
  let line = 1;
  while (pos < bytes.length) {
    const end = scanner.scan(bytes, pos, bytes.length, true);
    const at = line;
    line += scanner.lineBreaks;
    pos = end;
    if (scanner.isBlank()) continue;
    if (scanner.fault !== null) {
      throw inputError(
        { file, line: at },
        'a quoted cell is not closed properly; put the whole cell in quotes and double any quote inside it ("").',
        'bad-quotes',
      );
    }
    const cells = Array.from({ length: Math.min(scanner.cells, 64) }, (_, i) =>
      scanner.text(bytes, i).trim(),
    );
    if (scanner.cells !== 2) {
      throw inputError(
        { file, line: at },
        rows.length === 0
          ? `a weights file has two columns, the stratum and its weight (e.g. "kommun,vikt"), but this header has ${scanner.cells}: ${shorten(cells.join(', '))}.`
          : `this line has ${scanner.cells} cells; a weights file has two columns, the stratum and its weight.`,
        'weights-columns',
      );
    }
    if (rows.length > inputLimits.rows) throw tooManyStrata(file);
    rows.push({ line: at, cells });
  }
  const header = rows.shift();
  if (header === undefined) {
    throw inputError(
      { file },
      'the file is empty; it needs a header line and one line per stratum.',
      'empty',
    );
  }
  return { headers: header.cells, rows };
}

// Strata are municipalities or districts: a few hundred. The table row limit is far above that.
function tooManyStrata(file: string) {
  return inputError(
    { file },
    `the file gives weights for more than ${formatLimit(inputLimits.rows)} strata, the most Lotta reads; ` +
      'check that this is the weights file.',
    'too-many-rows',
  );
}

function parseJsonWeights(text: string, file: string): Record<string, number> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw inputError(
      { file },
      `is not valid JSON (${(error as Error).message.slice(0, 200)}).`,
      'weights-json',
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw inputError(
      { file },
      'must be a JSON object of weights, e.g. {"Malmö": 1.5, "Lund": 2}.',
      'weights-json',
    );
  }
  const weights: Record<string, number> = {};
  const keys = new Map<string, string>();
  if (Object.keys(raw).length > inputLimits.rows) throw tooManyStrata(file);
  for (const [stratum, weight] of Object.entries(raw)) {
    if (typeof weight !== 'number' || !isOversamplingWeight(weight)) {
      throw inputError(
        { file, column: stratum },
        `the weight ${shorten(JSON.stringify(weight) ?? String(weight))} is not a number from ${weightRange.min} to ${weightRange.max}; ${weightAdvice}.`,
        'weights-number',
      );
    }
    const earlier = keys.get(stratumKey(stratum));
    if (earlier !== undefined) {
      throw inputError(
        { file, column: stratum },
        `"${shorten(earlier)}" and "${shorten(stratum)}" name the same stratum; keep one of them.`,
        'weights-duplicate',
      );
    }
    keys.set(stratumKey(stratum), stratum);
    weights[stratum] = weight;
  }
  return weights;
}

/**
 * The weight of every stratum (1 where none is given), and the weights' names that no stratum has.
 * Names match strata the way strata match each other (case and spacing ignored).
 */
export function weightsForStrata(
  strata: Strata,
  weights: Readonly<Record<string, number>> | undefined,
): { perStratum: number[]; unknown: string[] } {
  const perStratum = strata.labels.map(() => 1);
  const unknown: string[] = [];
  const named = new Map<string, string>();
  for (const [name, weight] of Object.entries(weights ?? {})) {
    if (!isOversamplingWeight(weight)) {
      throw new InputError(
        `The weight of "${shorten(name)}" must be a number from ${weightRange.min} to ${weightRange.max}, not ${weight}.`,
        {},
        'bad-weight',
      );
    }
    const earlier = named.get(stratumKey(name));
    if (earlier !== undefined) {
      throw new InputError(
        `The weights name one stratum twice, as "${shorten(earlier)}" and "${shorten(name)}"; keep one of them.`,
        {},
        'bad-weight',
      );
    }
    named.set(stratumKey(name), name);
    const s = strata.find(name);
    if (s === undefined) unknown.push(name);
    else perStratum[s] = weight;
  }
  return { perStratum, unknown };
}
