/**
 * Calls to the people on the panel and what came of them. The list callers work from holds names,
 * phone, e-mail, preferred language and access needs: never the address or the demographic answers.
 * Call comments are personal data: erasure blanks them and the export includes them.
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { CallOutcomesTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import { readNeeds } from './people.ts';

export type CallOutcomeRow = Selectable<CallOutcomesTable>;

export interface Callee {
  id: string;
  reference: string;
  status: string;
  status_changed_at: string;
  erased_at: string | null;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
  needs: string[];
  needs_details: string | null;
  /** The most recent call, whatever came of it. */
  latest: { outcome: string; at: string } | null;
  /** Every call, newest first, with what the caller wrote. */
  calls: CallRecord[];
  /** Calls recorded so far. */
  attempts: number;
  /** A call since the person's current status began ended in a yes or a no. */
  answeredSinceStatus: boolean;
}

/** One call as the callers and organisers see it. */
export interface CallRecord {
  outcome: string;
  comment: string | null;
  at: string;
  /** The caller's display name; null when the account is gone. */
  caller: string | null;
}

/** A LIKE pattern matching the typed text anywhere, with `%`, `_` and `\\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function insertCallOutcome(db: Executor, row: Insertable<CallOutcomesTable>): Promise<void> {
  await db.insertInto('call_outcomes').values(row).execute();
}

/**
 * The people of an assembly in the given statuses, with their contact details and calls so far.
 * `search` narrows them to those whose reference, name, e-mail or phone contains the text.
 */
export async function listCallees(
  db: Executor,
  assemblyId: string,
  statuses: readonly string[],
  options: { search?: string } = {},
): Promise<Callee[]> {
  if (statuses.length === 0) return [];
  const search = options.search?.trim().toLocaleLowerCase('sv');
  // ESCAPE is spelled out: SQLite has no default escape character, PostgreSQL's is the same backslash.
  const pattern = search ? containsPattern(search) : null;
  const people = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .leftJoin('person_needs', 'person_needs.person_id', 'people.id')
    .select([
      'people.id',
      'people.reference',
      'people.status',
      'people.status_changed_at',
      'people.erased_at',
      'person_contacts.full_name',
      'person_contacts.email',
      'person_contacts.phone',
      'person_contacts.preferred_language',
      'person_needs.needs',
      'person_needs.details',
    ])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', 'in', [...statuses])
    .$if(pattern !== null, (q) =>
      q.where(
        (eb) =>
          sql<boolean>`(lower(${eb.ref('people.reference')}) like ${pattern} escape '\\' or ${eb.ref(
            'person_contacts.search_text',
          )} like ${pattern} escape '\\')`,
      ),
    )
    .orderBy('people.reference')
    .execute();
  const outcomes = await db
    .selectFrom('call_outcomes')
    .innerJoin('people', 'people.id', 'call_outcomes.person_id')
    .leftJoin('accounts', 'accounts.id', 'call_outcomes.by')
    .select([
      'call_outcomes.person_id',
      'call_outcomes.outcome',
      'call_outcomes.comment',
      'call_outcomes.at',
      'accounts.display_name',
    ])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', 'in', [...statuses])
    .orderBy('call_outcomes.id')
    .execute();
  const byPerson = new Map<string, CallRecord[]>();
  for (const o of outcomes) {
    const list = byPerson.get(o.person_id) ?? [];
    list.push({ outcome: o.outcome, comment: o.comment, at: o.at, caller: o.display_name });
    byPerson.set(o.person_id, list);
  }
  return people.map((p) => {
    const calls = byPerson.get(p.id) ?? [];
    return {
      id: p.id,
      reference: p.reference,
      status: p.status,
      status_changed_at: p.status_changed_at,
      erased_at: p.erased_at,
      full_name: p.full_name,
      email: p.email,
      phone: p.phone,
      preferred_language: p.preferred_language,
      needs: p.needs ? readNeeds(p.needs) : [],
      needs_details: p.details,
      latest: calls.length > 0 ? calls[calls.length - 1] : null,
      calls: [...calls].reverse(),
      attempts: calls.length,
      answeredSinceStatus: calls.some(
        (c) => (c.outcome === 'confirmed' || c.outcome === 'declined') && c.at >= p.status_changed_at,
      ),
    };
  });
}

/** One person's calls, oldest first, for the export of everything stored about them. */
export function callOutcomesOf(db: Executor, personId: string): Promise<CallOutcomeRow[]> {
  return db.selectFrom('call_outcomes').selectAll().where('person_id', '=', personId).orderBy('id').execute();
}

/** One person's calls, newest first, with the callers' names, for their page. */
export async function callHistoryOf(db: Executor, personId: string): Promise<CallRecord[]> {
  const rows = await db
    .selectFrom('call_outcomes')
    .leftJoin('accounts', 'accounts.id', 'call_outcomes.by')
    .select(['call_outcomes.outcome', 'call_outcomes.comment', 'call_outcomes.at', 'accounts.display_name'])
    .where('call_outcomes.person_id', '=', personId)
    .orderBy('call_outcomes.id', 'desc')
    .execute();
  return rows.map((r) => ({ outcome: r.outcome, comment: r.comment, at: r.at, caller: r.display_name }));
}

/** Erasure: the outcomes stay (they are statuses in all but name), what the caller wrote goes. */
export async function blankCallComments(db: Executor, personId: string): Promise<void> {
  await db.updateTable('call_outcomes').set({ comment: null }).where('person_id', '=', personId).execute();
}
