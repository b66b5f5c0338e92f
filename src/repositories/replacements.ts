/**
 * Who replaced whom: one row per filled seat, with the replacement run and the effect on the targets.
 * The effect is stored as JSON text and decoded here.
 */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type { ReplacementsTable } from '../db/schema.ts';
import type { TargetEffect } from '../domain/replacement.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export type ReplacementRow = Selectable<ReplacementsTable>;

export async function insertReplacement(db: Executor, row: Insertable<ReplacementsTable>): Promise<void> {
  await db.insertInto('replacements').values(row).execute();
}

/** Question key → answer → how many on the panel had it before and after the round. */
const effectSchema = z.record(
  z.string(),
  z.record(z.string(), z.object({ before: z.number(), after: z.number() })),
);

/** A filled seat as the replacements page and the report show it. */
export interface Replacement {
  id: number;
  run_id: string;
  at: string;
  /** The effect of the whole round the seat was filled in (every pair of a round holds the same). */
  effect: TargetEffect;
  replaced_reference: string;
  replaced_id: string;
  replacement_reference: string;
  replacement_id: string;
  by_name: string | null;
}

export async function listReplacements(db: Executor, assemblyId: string): Promise<Replacement[]> {
  const rows = await db
    .selectFrom('replacements')
    .innerJoin('people as replaced', 'replaced.id', 'replacements.replaced_person_id')
    .innerJoin('people as replacement', 'replacement.id', 'replacements.replacement_person_id')
    .leftJoin('accounts', 'accounts.id', 'replacements.by')
    .select([
      'replacements.id',
      'replacements.run_id',
      'replacements.at',
      'replacements.effect',
      'replaced.reference as replaced_reference',
      'replaced.id as replaced_id',
      'replacement.reference as replacement_reference',
      'replacement.id as replacement_id',
      'accounts.display_name as by_name',
    ])
    .where('replacements.assembly_id', '=', assemblyId)
    .orderBy('replacements.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    effect: readStoredJson(effectSchema, row.effect, 'replacement effect'),
  }));
}

/**
 * The people who left a seat: selected at some point, since declined or withdrawn, and not yet
 * paired with a replacement. How many seats are open is another matter (the panel size minus who
 * holds a seat, src/domain/seats.ts): a seat someone left may have been filled by hand meanwhile.
 */
export function openSeats(db: Executor, assemblyId: string) {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.reference', 'people.status'])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', 'in', ['declined', 'withdrawn'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('status_history')
          .select('status_history.person_id')
          .whereRef('status_history.person_id', '=', 'people.id')
          .where('status_history.to_status', '=', 'selected'),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('replacements')
            .select('replacements.id')
            .whereRef('replacements.replaced_person_id', '=', 'people.id'),
        ),
      ),
    )
    .orderBy('people.reference')
    .execute();
}

export async function answersOfPeople(
  db: Executor,
  personIds: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>(personIds.map((id) => [id, {}]));
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('person_answers')
    .select(['person_id', 'question_key', 'value'])
    .where('person_id', 'in', [...personIds])
    .execute();
  for (const r of rows) out.get(r.person_id)![r.question_key] = r.value;
  return out;
}
