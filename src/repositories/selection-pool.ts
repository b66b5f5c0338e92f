/**
 * The people a selection run chooses from, read in one go: the pseudonymous id, the P-reference, the
 * answers and the address fields the household key is made from. The address never leaves the
 * command that turns it into a household key.
 */
import type { PoolMember } from '../domain/selection-input.ts';
import type { Executor } from './executor.ts';

/**
 * Members of the assembly in the given statuses who have not been erased, plus the people listed in
 * `alsoIds` (kept members of a replacement round) whatever their status; ordered by reference so that
 * the same people give the same input.
 */
export async function loadPool(
  db: Executor,
  assemblyId: string,
  options: { statuses: readonly string[]; alsoIds?: readonly string[] },
): Promise<PoolMember[]> {
  const also = [...(options.alsoIds ?? [])];
  const people = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select(['people.id', 'people.reference', 'person_contacts.address', 'person_contacts.postcode'])
    .where('people.assembly_id', '=', assemblyId)
    .where((eb) => {
      const inStatus = eb.and([
        eb('people.status', 'in', [...options.statuses]),
        eb('people.erased_at', 'is', null),
      ]);
      return also.length > 0 ? eb.or([inStatus, eb('people.id', 'in', also)]) : inStatus;
    })
    .orderBy('people.reference')
    .execute();
  const answers = await db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select(['person_answers.person_id', 'person_answers.question_key', 'person_answers.value'])
    .where('people.assembly_id', '=', assemblyId)
    .execute();
  const byPerson = new Map<string, Record<string, string>>();
  for (const a of answers) {
    const record = byPerson.get(a.person_id) ?? {};
    record[a.question_key] = a.value;
    byPerson.set(a.person_id, record);
  }
  return people.map((p) => ({
    id: p.id,
    reference: p.reference,
    answers: byPerson.get(p.id) ?? {},
    address: p.address ?? null,
    postcode: p.postcode ?? null,
  }));
}

/** P-references of the assembly's people by pseudonymous id, for pages about a stored run. */
export async function referencesById(db: Executor, assemblyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'reference'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** Which of the ids are people of the assembly. */
export async function existingPeople(db: Executor, assemblyId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}
