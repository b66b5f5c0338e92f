/**
 * The drawn letters as a CSV file for a print house that does its own mail merge: every register
 * column, then the invite code, the registration address with the code (for the QR code) and the
 * letter's language. Written by the shared CSV writer, so a register cell that looks like a formula
 * reaches the spreadsheet as text, in the dialect of the organiser's language.
 */
import type { Language } from '../i18n/i18n.ts';
import { type CsvDialect, csvFile } from '../io/csv-writer.ts';
import { codePlaceholder, registrationUrl, urlPlaceholder } from './letter-template.ts';

export const languageColumn = 'letter_language';

type Letter = { fields: Record<string, string>; code: string; language: Language };

export function lettersCsvHeader(columns: readonly string[]): string[] {
  return [...columns, codePlaceholder, urlPlaceholder, languageColumn];
}

/** One letter's line: its register columns, then its code, address and language. */
export function lettersCsvRow(
  columns: readonly string[],
  letter: Letter,
  registrationBase: string,
): string[] {
  return [
    ...columns.map((c) => letter.fields[c] ?? ''),
    letter.code,
    registrationUrl(registrationBase, letter.code),
    letter.language,
  ];
}

export function lettersCsv(
  columns: readonly string[],
  recipients: Iterable<Letter>,
  registrationBase: string,
  dialect: CsvDialect,
): string {
  const rows = function* () {
    for (const r of recipients) yield lettersCsvRow(columns, r, registrationBase);
  };
  return csvFile(lettersCsvHeader(columns), rows(), dialect);
}
