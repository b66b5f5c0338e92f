/**
 * The letters as a CSV file for a print house or a mail merge: the drawn rows with all their register
 * columns, in the order of the draw, plus an `invite_code` column. UTF-8 with a BOM (so that Excel
 * shows å, ä and ö) and CRLF line ends (RFC 4180). Nothing in it depends on the clock, so the same
 * draw gives a byte-identical file.
 */

import type { InvitationDrawResult } from './draw-invitations.ts';
import type { Delimiter } from './register-reader.ts';

export const INVITE_CODE_COLUMN = 'invite_code';

function cell(value: string, delimiter: Delimiter): string {
  return value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

export function lettersCsv(
  result: Pick<InvitationDrawResult, 'columns' | 'letters'>,
  delimiter: Delimiter = ',',
): string {
  const lines = [
    [...result.columns, INVITE_CODE_COLUMN].map((name) => cell(name, delimiter)).join(delimiter),
  ];
  for (const letter of result.letters) {
    const cells = result.columns.map((column) => cell(letter.fields[column] ?? '', delimiter));
    cells.push(letter.inviteCode);
    lines.push(cells.join(delimiter));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
