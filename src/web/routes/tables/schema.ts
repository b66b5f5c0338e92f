/**
 * The tables area's forms and query strings: asking for tables (rounds, tables or a table size, the
 * questions to mix, a seed), locking a round, a manual move (round, person, table, whom to swap
 * with), and the round a printable or the projector shows.
 */
import { z } from 'zod';

/** The notices the session page is sent back with. */
export const tablesNotices = ['requested', 'recomputing', 'locked', 'moved', 'seated'] as const;

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, 'required')
    .pipe(
      z.coerce
        .number<string>('number_invalid')
        .int('number_invalid')
        .min(min, 'number_range')
        .max(max, 'number_range'),
    );

const optionalWhole = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), whole(min, max).optional());

/** The form's limits, checked again by the command. */
export const tablesLimits = { rounds: 50, tables: 1000, tableSize: 1000 } as const;

export const requestSchema = z.object({
  rounds: whole(1, tablesLimits.rounds),
  tables: optionalWhole(1, tablesLimits.tables),
  table_size: optionalWhole(2, tablesLimits.tableSize),
  diversify: z.array(z.string().max(100)).max(100).default([]),
  seed: z.string().trim().min(1, 'required').max(200, 'too_long'),
  facilitators: z.array(z.string().max(10)).max(1).default([]),
});

export const lockSchema = z.object({ round: whole(1, tablesLimits.rounds) });

const id = z.string().trim().min(1, 'required').max(100);

/** A late arrival to seat. */
export const lateSchema = z.object({ person: id });

/** A move as the form sends it: round and table counted from 1, as the page shows them. */
export const moveSchema = z.object({
  round: whole(1, tablesLimits.rounds),
  person: id,
  table: whole(1, tablesLimits.tables),
  swap: z.string().trim().max(100).default(''),
});
export type MoveForm = z.output<typeof moveSchema>;

export function moveOf(form: MoveForm) {
  return {
    round: form.round - 1,
    person: form.person,
    table: form.table - 1,
    ...(form.swap !== '' ? { swapWith: form.swap } : {}),
  };
}

/** `?round=` of a printable or the projector: a round counted from 1; absent or wrong is none. */
export const roundQuerySchema = z.object({
  round: z.coerce.number().int().min(1).max(tablesLimits.rounds).optional().catch(undefined),
});
