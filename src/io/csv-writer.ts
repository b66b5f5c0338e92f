/**
 * The one way Lotta writes CSV, for every export (report, letters, invite codes, the `lotta invite`
 * letters). RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark so that Excel shows å, ä
 * and ö. Two dialects follow the language of the export, as spreadsheets read them:
 *
 * - Swedish: `;` between fields, decimal comma, times in Swedish local time (Swedish Excel splits on
 *   `;` because the comma is its decimal sign);
 * - English: `,` between fields, decimal point, times in UTC (ISO 8601).
 *
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) is written with a leading apostrophe, so a register cell such as `=cmd|' /C calc'!A0` stays
 * text. Numbers stay numbers: they are never guarded, and text that is a plain number (`-12`, `+46`)
 * is left as it is. Pure: no I/O.
 */

export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  /** Decimal sign of numbers. */
  decimal: '.' | ',';
  /** How points in time are written. */
  times: 'stockholm' | 'utc';
}

export const swedishCsv: CsvDialect = { delimiter: ';', decimal: ',', times: 'stockholm' };
export const englishCsv: CsvDialect = { delimiter: ',', decimal: '.', times: 'utc' };

/** The dialect of an export in a language: Swedish for Swedish, English for the rest. */
export function csvDialectFor(language: string): CsvDialect {
  return language === 'sv' ? swedishCsv : englishCsv;
}

/** A file that goes back where it came from (a register extract): its own delimiter, nothing else. */
export function sameDialectAs(delimiter: CsvDialect['delimiter']): CsvDialect {
  return { ...englishCsv, delimiter };
}

/** A number with a fixed count of decimals (a percentage such as 23.0). */
export interface FixedNumber {
  fixed: number;
  digits: number;
}

export function fixed(value: number, digits: number): FixedNumber {
  return { fixed: value, digits };
}

export type CsvValue = string | number | FixedNumber | Date | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;

/** Text as a spreadsheet will not execute it. */
export function guardFormula(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

function numberText(value: number, digits: number | undefined, dialect: CsvDialect): string {
  if (!Number.isFinite(value)) return '';
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return dialect.decimal === ',' ? text.replace('.', ',') : text;
}

const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function timeText(value: Date, dialect: CsvDialect): string {
  if (Number.isNaN(value.getTime())) return '';
  // sv-SE writes 2027-03-01 14:05:00, which Excel reads as a date and time.
  return dialect.times === 'stockholm' ? stockholm.format(value) : value.toISOString();
}

/** One field: formatted, guarded and quoted where needed. */
export function csvField(value: CsvValue, dialect: CsvDialect): string {
  let text: string;
  let isText = false;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = numberText(value, undefined, dialect);
  else if (value instanceof Date) text = timeText(value, dialect);
  else if (typeof value === 'object') text = numberText(value.fixed, value.digits, dialect);
  else {
    text = guardFormula(value);
    isText = true;
  }
  // Text with either separator is quoted, so that a file opened with the other locale's settings
  // still splits right; so are quotes, line breaks, tabs and spaces at either end (which spreadsheets
  // drop). A number or time is quoted only if it holds the delimiter, which no dialect lets happen.
  const quote =
    text.includes(dialect.delimiter) || /["\r\n]/.test(text) || (isText && /[,;\t]|^\s|\s$/.test(text));
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[], dialect: CsvDialect): string {
  return values.map((value) => csvField(value, dialect)).join(dialect.delimiter);
}

/** A whole file: byte-order mark, a header line, the rows, CRLF after every line. */
export function csvFile(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  dialect: CsvDialect,
): string {
  const lines = [csvLine(header, dialect)];
  for (const row of rows) lines.push(csvLine(row, dialect));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A file sent as it is read: the byte-order mark and header, then each page `nextPage` hands out
 * until it hands out null, so a file of a million rows never sits in memory at once.
 */
export function csvStream(
  header: readonly string[],
  nextPage: () => Promise<Iterable<readonly CsvValue[]> | null>,
  dialect: CsvDialect,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header, dialect)}\r\n`));
        return;
      }
      const page = await nextPage();
      if (page === null) {
        controller.close();
        return;
      }
      let text = '';
      for (const row of page) text += `${csvLine(row, dialect)}\r\n`;
      if (text) controller.enqueue(encoder.encode(text));
    },
  });
}
