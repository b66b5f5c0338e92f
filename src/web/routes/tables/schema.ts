/**
 * The tables area's forms and query strings: asking for tables (rounds, tables or a table size, the
 * questions to mix, a seed), locking a round, a manual move (round, person, table, whom to swap
 * with), and the round a printable or the projector shows.
 */
import { z } from 'zod';

/** The notices the session page is sent back with. */
export const tablesNotices = [
  'requested',
  'recomputing',
  'locked',
  'moved',
  'seated',
  'unlocked',
  'rule_added',
  'rule_removed',
] as const;

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

/** A question's mode as the form names it: mix (with a weight), keep together, or leave out. */
export const fieldModes = ['mix', 'together', 'ignore'] as const;
const engineMode = { mix: 'diversify', together: 'cluster', ignore: 'ignore' } as const;

/**
 * The request's fields; each question comes as `mode_<key>` (and `weight_<key>`, 1–5, when mixed),
 * checked here; a form without modes mixes the `diversify` questions equally.
 */
export const requestSchema = z
  .looseObject({
    rounds: whole(1, tablesLimits.rounds),
    tables: optionalWhole(1, tablesLimits.tables),
    table_size: optionalWhole(2, tablesLimits.tableSize),
    diversify: z.array(z.string().max(100)).max(100).default([]),
    seed: z.string().trim().min(1, 'required').max(200, 'too_long'),
    facilitators: z.array(z.string().max(10)).max(1).default([]),
  })
  .superRefine((data, ctx) => {
    const modes = Object.keys(data).filter((k) => k.startsWith('mode_'));
    if (modes.length > 100) ctx.addIssue({ code: 'custom', message: 'too_long', path: ['_form'] });
    for (const key of modes) {
      const name = key.slice('mode_'.length);
      const mode = data[key];
      if (!(fieldModes as readonly unknown[]).includes(mode))
        ctx.addIssue({ code: 'custom', message: 'required', path: [key] });
      if (mode !== 'mix') continue;
      const weight = whole(1, 5).safeParse(data[`weight_${name}`] ?? '1');
      if (!weight.success)
        ctx.addIssue({ code: 'custom', message: 'weight_range', path: [`weight_${name}`] });
    }
  });

/** The questions' rules as the command takes them; undefined when the form sent no modes. */
export function fieldRulesOf(data: Record<string, unknown>) {
  const names = Object.keys(data)
    .filter((k) => k.startsWith('mode_'))
    .map((k) => k.slice('mode_'.length));
  if (names.length === 0) return undefined;
  return names.map((name) => {
    const mode = engineMode[data[`mode_${name}`] as (typeof fieldModes)[number]];
    const weight = Number(String(data[`weight_${name}`] ?? '1').trim() || '1');
    return mode === 'diversify' ? { name, mode, weight } : { name, mode };
  });
}

export const lockSchema = z.object({ round: whole(1, tablesLimits.rounds) });

const id = z.string().trim().min(1, 'required').max(100);

/** Two members to keep apart. */
export const apartSchema = z.object({ apart_a: id, apart_b: id });

/** A member fixed to a table in a round, both counted from 1. */
export const fixedSchema = z.object({
  fixed_person: id,
  fixed_round: whole(1, tablesLimits.rounds),
  fixed_table: whole(1, tablesLimits.tables),
});

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
