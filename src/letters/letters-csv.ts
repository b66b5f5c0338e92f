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

export function lettersCsv(
  columns: readonly string[],
  recipients: Iterable<{ fields: Record<string, string>; code: string; language: Language }>,
  registrationBase: string,
  dialect: CsvDialect,
): string {
  const header = [...columns, codePlaceholder, urlPlaceholder, languageColumn];
  const rows = function* () {
    for (const r of recipients) {
      yield [
        ...columns.map((c) => r.fields[c] ?? ''),
        r.code,
        registrationUrl(registrationBase, r.code),
        r.language,
      ];
    }
  };
  return csvFile(header, rows(), dialect);
}
