/**
 * The letters as a CSV file for a print house or a mail merge: the drawn rows with all their register
 * columns, in the order of the draw, plus an `invite_code` column, in the register's own delimiter.
 * Written by the shared CSV writer (BOM, CRLF, RFC 4180 quoting, register cells that look like formulas
 * guarded). Nothing in it depends on the clock, so the same draw gives a byte-identical file.
 */

import { csvFile, sameDialectAs } from '../io/csv-writer.ts';
import type { InvitationDrawResult } from './draw-invitations.ts';
import type { Delimiter } from './register-reader.ts';

export const INVITE_CODE_COLUMN = 'invite_code';

export function lettersCsv(
  result: Pick<InvitationDrawResult, 'columns' | 'letters'>,
  delimiter: Delimiter = ',',
): string {
  return csvFile(
    [...result.columns, INVITE_CODE_COLUMN],
    result.letters.map((letter) => [...result.columns.map((c) => letter.fields[c] ?? ''), letter.inviteCode]),
    sameDialectAs(delimiter),
  );
}
