/**
 * The drawn letters as a CSV file for a print house that does its own mail merge: every register
 * column, then the invite code, the registration address with the code (for the QR code) and the
 * letter's language. UTF-8 with a byte-order mark and CRLF line ends, so Excel shows å, ä and ö right.
 */
import type { Language } from '../i18n/i18n.ts';
import { codePlaceholder, registrationUrl, urlPlaceholder } from './letter-template.ts';

export const languageColumn = 'letter_language';

function cell(value: string): string {
  return /[",;\r\n\t]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function lettersCsv(
  columns: readonly string[],
  recipients: Iterable<{ fields: Record<string, string>; code: string; language: Language }>,
  registrationBase: string,
): string {
  const header = [...columns, codePlaceholder, urlPlaceholder, languageColumn];
  const lines = [header.map(cell).join(',')];
  for (const r of recipients) {
    lines.push(
      [
        ...columns.map((c) => r.fields[c] ?? ''),
        r.code,
        registrationUrl(registrationBase, r.code),
        r.language,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
