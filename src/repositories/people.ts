/**
 * People in an assembly: the pseudonymous record, contacts and needs (personal data, kept in their own
 * tables), demographic answers, consents and the status history.
 */
import { type Insertable, type Selectable, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type {
  ConsentsTable,
  PeopleTable,
  PersonContactsTable,
  PersonRow,
  StatusHistoryTable,
} from '../db/schema.ts';
import type { ConsentKind } from '../domain/consents.ts';
import { type Executor, toCount } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export type ContactFields = Omit<Insertable<PersonContactsTable>, 'person_id' | 'search_text'>;
export type ConsentRow = Selectable<ConsentsTable>;
export type StatusChange = Selectable<StatusHistoryTable> & { actor_name?: string | null };

/** What a person said they need to take part: the kinds (`need.<kind>` in the catalogues) and their own words. */
export interface PersonNeeds {
  needs: string[];
  details: string | null;
}

/** `person_needs.needs` holds the kinds as a JSON array of strings. */
const storedNeeds = z.array(z.string());

/** The kinds of need stored in `person_needs.needs`, decoded. */
export function readNeeds(text: string): string[] {
  return readStoredJson(storedNeeds, text, 'access needs');
}

export interface NewPerson {
  person: Insertable<PeopleTable>;
  contact: ContactFields | null;
  needs: PersonNeeds | null;
  answers: Record<string, string>;
  consents: { kind: string; given_at: string }[];
  changedBy: string;
  comment: string | null;
}

export function searchTextOf(contact: ContactFields): string {
  return [contact.full_name, contact.email, contact.phone].filter(Boolean).join(' ').toLocaleLowerCase('sv');
}

export async function nextReference(db: Executor, assemblyId: string): Promise<string> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.max('reference').as('last'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  const last = row?.last ? Number.parseInt(String(row.last).slice(2), 10) : 0;
  return `P-${String(last + 1).padStart(5, '0')}`;
}

export async function insertPerson(db: Executor, p: NewPerson): Promise<void> {
  await db.insertInto('people').values(p.person).execute();
  const personId = p.person.id;
  if (p.contact) {
    await db
      .insertInto('person_contacts')
      .values({ ...p.contact, person_id: personId, search_text: searchTextOf(p.contact) })
      .execute();
  }
  if (p.needs && (p.needs.needs.length > 0 || p.needs.details)) {
    await db
      .insertInto('person_needs')
      .values({ person_id: personId, needs: JSON.stringify(p.needs.needs), details: p.needs.details })
      .execute();
  }
  const answers = Object.entries(p.answers).map(([question_key, value]) => ({
    person_id: personId,
    question_key,
    value,
  }));
  if (answers.length > 0) await db.insertInto('person_answers').values(answers).execute();
  for (const consent of p.consents) {
    await db
      .insertInto('consents')
      .values({
        id: crypto.randomUUID(),
        person_id: personId,
        kind: consent.kind,
        given_at: consent.given_at,
      })
      .execute();
  }
  await db
    .insertInto('status_history')
    .values({
      person_id: personId,
      from_status: null,
      to_status: p.person.status,
      changed_at: p.person.status_changed_at,
      changed_by: p.changedBy,
      comment: p.comment,
    })
    .execute();
}

export function findPerson(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** For a member's own login, which knows the person but not the assembly. */
export function findPersonById(db: Executor, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

export function findPersonByExternalKey(db: Executor, assemblyId: string, key: string) {
  return db
    .selectFrom('people')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('external_key', '=', key)
    .executeTakeFirst();
}

export function findPersonByMemberToken(db: Executor, tokenHash: string) {
  return db.selectFrom('people').selectAll().where('member_token_hash', '=', tokenHash).executeTakeFirst();
}

export function findContact(db: Executor, personId: string) {
  return db.selectFrom('person_contacts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function findNeeds(db: Executor, personId: string): Promise<PersonNeeds> {
  const row = await db
    .selectFrom('person_needs')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? { needs: readNeeds(row.needs), details: row.details } : { needs: [], details: null };
}

export async function findAnswers(db: Executor, personId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('person_answers').selectAll().where('person_id', '=', personId).execute();
  return Object.fromEntries(rows.map((r) => [r.question_key, r.value]));
}

export function listConsents(db: Executor, personId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('given_at')
    .execute();
}

/**
 * Of these people, those who hold a consent of this kind now (given and not withdrawn, and not
 * erased): the public page names a member only with her publish-name consent.
 */
export async function peopleWithConsent(
  db: Executor,
  personIds: readonly string[],
  kind: ConsentKind,
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('consents')
    .innerJoin('people', 'people.id', 'consents.person_id')
    .select('consents.person_id')
    .where('consents.person_id', 'in', [...new Set(personIds)])
    .where('consents.kind', '=', kind)
    .where('consents.withdrawn_at', 'is', null)
    .where('people.erased_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function insertConsent(
  db: Executor,
  row: { id: string; person_id: string; kind: ConsentKind; given_at: string },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({ ...row, withdrawn_at: null })
    .execute();
}

export async function withdrawConsent(db: Executor, consentId: string, at: string): Promise<void> {
  await db.updateTable('consents').set({ withdrawn_at: at }).where('id', '=', consentId).execute();
}

export function statusHistory(db: Executor, personId: string): Promise<StatusChange[]> {
  return db
    .selectFrom('status_history')
    .leftJoin('accounts', 'accounts.id', 'status_history.changed_by')
    .selectAll('status_history')
    .select('accounts.display_name as actor_name')
    .where('person_id', '=', personId)
    .orderBy('status_history.id')
    .execute();
}

export async function changeStatus(
  db: Executor,
  personId: string,
  change: { from: string; to: string; at: string; by: string; comment: string | null },
): Promise<boolean> {
  // The from-status guard makes two staff members' simultaneous changes safe: the second one fails.
  const result = await db
    .updateTable('people')
    .set({ status: change.to, status_changed_at: change.at })
    .where('id', '=', personId)
    .where('status', '=', change.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('status_history')
    .values({
      person_id: personId,
      from_status: change.from,
      to_status: change.to,
      changed_at: change.at,
      changed_by: change.by,
      comment: change.comment,
    })
    .execute();
  return true;
}

export async function setMemberToken(
  db: Executor,
  personId: string,
  tokenHash: string | null,
): Promise<void> {
  await db.updateTable('people').set({ member_token_hash: tokenHash }).where('id', '=', personId).execute();
}

/** Erasure: contacts, needs and the letter's recipient data go; the pseudonymous record, answers and history stay. */
export async function erasePersonalData(db: Executor, personId: string, at: string): Promise<void> {
  // The letter's recipient data came from the register: it goes too.
  await db
    .deleteFrom('invitation_recipients')
    .where('invitation_id', 'in', (eb) =>
      eb.selectFrom('people').select('invitation_id').where('id', '=', personId),
    )
    .execute();
  await db.deleteFrom('person_contacts').where('person_id', '=', personId).execute();
  await db.deleteFrom('person_needs').where('person_id', '=', personId).execute();
  await db.updateTable('status_history').set({ comment: null }).where('person_id', '=', personId).execute();
  await db
    .updateTable('people')
    .set({ erased_at: at, member_token_hash: null, external_key: null })
    .where('id', '=', personId)
    .execute();
}

export interface PeopleFilter {
  assemblyId: string;
  search?: string;
  status?: string;
  /** Restricts to these statuses (callers see only the people they have to call). */
  statuses?: readonly string[];
  answer?: { key: string; value: string };
  /** Search by name and contact only when the viewer may see them; otherwise by reference. */
  searchContacts: boolean;
  limit: number;
  offset: number;
}

export interface PersonListItem {
  id: string;
  reference: string;
  status: string;
  status_changed_at: string;
  erased_at: string | null;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  preferred_language: string | null;
}

/** A text for a LIKE pattern with `escape '!'`: the wildcards % and _, and ! itself, match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (ch) => `!${ch}`);
}

export async function listPeople(
  db: Executor,
  f: PeopleFilter,
): Promise<{ items: PersonListItem[]; total: number }> {
  let q = db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .where('people.assembly_id', '=', f.assemblyId);
  if (f.status) q = q.where('people.status', '=', f.status);
  if (f.statuses) q = q.where('people.status', 'in', f.statuses.length > 0 ? [...f.statuses] : ['']);
  if (f.answer) {
    const { key, value } = f.answer;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_answers')
          .select('person_answers.person_id')
          .whereRef('person_answers.person_id', '=', 'people.id')
          .where('person_answers.question_key', '=', key)
          .where('person_answers.value', '=', value),
      ),
    );
  }
  const search = f.search?.trim().toLocaleLowerCase('sv');
  if (search) {
    // What is typed is looked for as it is: % and _ are escaped, with an escape character named in
    // the query because SQLite has no default one and PostgreSQL's (backslash) depends on settings.
    const pattern = `%${escapeLike(search)}%`;
    q = q.where((eb) => {
      const byReference = sql<SqlBool>`lower(${sql.ref('people.reference')}) like ${pattern} escape '!'`;
      return f.searchContacts
        ? eb.or([
            byReference,
            sql<SqlBool>`${sql.ref('person_contacts.search_text')} like ${pattern} escape '!'`,
          ])
        : byReference;
    });
  }
  const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const items = await q
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
    ])
    .orderBy('people.reference')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items, total: toCount(total.n as string | number) };
}

export async function countByStatus(db: Executor, assemblyId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('people')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('assembly_id', '=', assemblyId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, toCount(r.n as string | number)]));
}

export async function countByAnswer(
  db: Executor,
  assemblyId: string,
): Promise<Record<string, Record<string, number>>> {
  const rows = await db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select(['person_answers.question_key', 'person_answers.value', (eb) => eb.fn.countAll().as('n')])
    .where('people.assembly_id', '=', assemblyId)
    .groupBy(['person_answers.question_key', 'person_answers.value'])
    .execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    out[r.question_key] ??= {};
    out[r.question_key][r.value] = toCount(r.n as string | number);
  }
  return out;
}

/**
 * The assembly's confirmed members still on record, with how to reach them: whom a change to the
 * programme is sent to (e-mail when she gave an address, else a letter).
 */
export function listConfirmedMembers(db: Executor, assemblyId: string) {
  return db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select([
      'people.id as id',
      'person_contacts.email as email',
      'person_contacts.preferred_language as preferred_language',
    ])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.status', '=', 'confirmed')
    .where('people.erased_at', 'is', null)
    .orderBy('people.reference')
    .execute();
}
