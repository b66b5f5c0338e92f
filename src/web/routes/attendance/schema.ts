/**
 * The attendance area's forms and query strings: the door's session and name search, a check-in,
 * and the marking form, whose rows are numbered by member (`status.<personId>`, `arrived.<…>`,
 * `left.<…>`, `reason.<…>`) and gathered into rows here; the command checks every row itself.
 */
import { z } from 'zod';
import type { MarkRow } from '../../../commands/attendance.ts';
import { toStockholmTime } from '../../../domain/dates.ts';
import type { MarkedMember } from '../../../queries/attendance.ts';
import { type FormValues, str } from '../../views/forms.tsx';

/** The notices the marking page is sent back with after a change. */
export const attendanceNotices = ['saved', 'undone'] as const;

/** Longest name search the door takes: a name, not a text. */
const searchMax = 100;

const id = z.string().trim().max(100).optional().catch(undefined);

export const checkInQuerySchema = z.object({
  session: id,
  q: z.string().trim().max(searchMax).optional().catch(undefined),
  checked: id,
});

export const checkInSchema = z.object({
  session: z.string().trim().max(100).default(''),
  person: z.string().trim().max(100).default(''),
  /** Where the button was: the name search, or a member's own page from her QR code. */
  from: z.enum(['search', 'person']).catch('search'),
});

export const undoSchema = z.object({ person: z.string().trim().max(100).default('') });

/** The marking form's rows, one per member the form listed (its hidden `person` fields). */
export const markSchema = z.preprocess(
  (values) => {
    const form = values as FormValues;
    const people = Array.isArray(form.person) ? form.person : [];
    return {
      rows: people.map(
        (personId): MarkRow => ({
          personId,
          status: str(form, `status.${personId}`),
          arrived: str(form, `arrived.${personId}`).trim(),
          left: str(form, `left.${personId}`).trim(),
          reason: str(form, `reason.${personId}`).trim(),
        }),
      ),
    };
  },
  z.object({
    rows: z.array(
      z.object({
        personId: z.string(),
        status: z.string(),
        arrived: z.string(),
        left: z.string(),
        reason: z.string(),
      }),
    ),
  }),
);

/** "10:15" in Swedish time, as the marking form shows a stored time. */
export function clockText(at: string | null): string {
  return at ? toStockholmTime(at).slice(11) : '';
}

/** The stored marks as the form's values. */
export function markValues(members: readonly MarkedMember[]): FormValues {
  const values: FormValues = {};
  for (const m of members) {
    values[`status.${m.id}`] = m.mark?.status ?? '';
    values[`arrived.${m.id}`] = clockText(m.mark?.arrivedAt ?? null);
    values[`left.${m.id}`] = clockText(m.mark?.leftAt ?? null);
    values[`reason.${m.id}`] = m.mark?.reason ?? '';
  }
  return values;
}
