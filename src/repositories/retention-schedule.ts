/**
 * The retention schedule's storage: holds and the log of erasures, and for each category of an
 * assembly's personal data what it covers now (to count it on the organiser's page) and how to erase
 * it. Erasing people's contact data goes through `erasePersonalData`, the same as erasing one person
 * on request, so the two can never differ in what they leave behind.
 */
import type { RetentionCategory } from '../domain/retention-schedule.ts';
import { type Executor, toCount } from './executor.ts';
import { erasePersonalData } from './people.ts';

export interface RetentionHold {
  category: string;
  reason: string;
  heldBy: string;
  heldAt: string;
}

export async function listHolds(db: Executor, assemblyId: string): Promise<Map<string, RetentionHold>> {
  const rows = await db
    .selectFrom('retention_holds')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.category,
      { category: r.category, reason: r.reason, heldBy: r.held_by, heldAt: r.held_at },
    ]),
  );
}

/** The assemblies holding `category`: the retention job leaves their records alone. */
export async function assembliesHolding(db: Executor, category: RetentionCategory): Promise<string[]> {
  const rows = await db
    .selectFrom('retention_holds')
    .select('assembly_id')
    .where('category', '=', category)
    .execute();
  return rows.map((r) => r.assembly_id);
}

/** Holds a category (or changes the reason of a hold already there). */
export async function saveHold(db: Executor, assemblyId: string, hold: RetentionHold): Promise<void> {
  await db
    .insertInto('retention_holds')
    .values({
      assembly_id: assemblyId,
      category: hold.category,
      reason: hold.reason,
      held_by: hold.heldBy,
      held_at: hold.heldAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['assembly_id', 'category'])
        .doUpdateSet({ reason: hold.reason, held_by: hold.heldBy, held_at: hold.heldAt }),
    )
    .execute();
}

export async function deleteHold(db: Executor, assemblyId: string, category: string): Promise<boolean> {
  const result = await db
    .deleteFrom('retention_holds')
    .where('assembly_id', '=', assemblyId)
    .where('category', '=', category)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface RetentionLogEntry {
  category: string;
  at: string;
  erased: number;
}

export async function insertLogEntry(
  db: Executor,
  assemblyId: string,
  entry: RetentionLogEntry & { id: string },
): Promise<void> {
  await db
    .insertInto('retention_log')
    .values({
      id: entry.id,
      assembly_id: assemblyId,
      category: entry.category,
      at: entry.at,
      erased: entry.erased,
    })
    .execute();
}

/** The assembly's erasures, newest first (at most `limit`). */
export async function listLog(db: Executor, assemblyId: string, limit = 200): Promise<RetentionLogEntry[]> {
  const rows = await db
    .selectFrom('retention_log')
    .select(['category', 'at', 'erased'])
    .where('assembly_id', '=', assemblyId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ category: r.category, at: r.at, erased: r.erased }));
}

/** The assemblies with an end date, for the job to check their days. */
export async function assembliesWithEnd(db: Executor): Promise<{ id: string; endsOn: string }[]> {
  const rows = await db
    .selectFrom('assemblies')
    .select(['id', 'ends_on'])
    .where('ends_on', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.ends_on ? [{ id: r.id, endsOn: r.ends_on }] : []));
}

/** People of the assembly who were ever confirmed members (and so are, or were, on the panel). */
const everConfirmed = (db: Executor, assemblyId: string) =>
  db
    .selectFrom('status_history')
    .innerJoin('people', 'people.id', 'status_history.person_id')
    .select('status_history.person_id')
    .where('people.assembly_id', '=', assemblyId)
    .where('status_history.to_status', '=', 'confirmed');

/** The people whose contact data a category covers: not yet erased, members or the rest. */
export async function peopleWithContacts(
  db: Executor,
  assemblyId: string,
  members: boolean,
): Promise<string[]> {
  let query = db
    .selectFrom('people')
    .select('people.id')
    .where('people.assembly_id', '=', assemblyId)
    .where('people.erased_at', 'is', null);
  query = members
    ? query.where((eb) =>
        eb.or([eb('people.status', '=', 'confirmed'), eb('people.id', 'in', everConfirmed(db, assemblyId))]),
      )
    : query
        .where('people.status', '!=', 'confirmed')
        .where('people.id', 'not in', everConfirmed(db, assemblyId));
  return (await query.execute()).map((r) => r.id);
}

/** Erases the contact data of the listed people; returns how many. */
export async function eraseContacts(db: Executor, personIds: readonly string[], at: string): Promise<number> {
  for (const id of personIds) await erasePersonalData(db, id, at);
  return personIds.length;
}

export async function countAnswers(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('people.assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Deletes every demographic answer of the assembly's people; returns how many. */
export async function eraseAnswers(db: Executor, assemblyId: string): Promise<number> {
  const result = await db
    .deleteFrom('person_answers')
    .where('person_id', 'in', (eb) =>
      eb.selectFrom('people').select('id').where('assembly_id', '=', assemblyId),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Stipend payouts and paid claims of the assembly paid before `before`: the bookkeeping records. */
export async function countPaidRecords(db: Executor, assemblyId: string, before: string): Promise<number> {
  const payouts = await db
    .selectFrom('stipend_payouts')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('assembly_id', '=', assemblyId)
    .where('paid_at', '<', before)
    .executeTakeFirst();
  const claims = await db
    .selectFrom('expense_claims')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'paid')
    .where('paid_at', '<', before)
    .executeTakeFirst();
  return toCount(payouts?.n) + toCount(claims?.n);
}

/** The year of the assembly's earliest payment still kept, if any: its records go eight New Years on. */
export async function earliestPaymentYear(db: Executor, assemblyId: string): Promise<number | null> {
  const payout = await db
    .selectFrom('stipend_payouts')
    .select((eb) => eb.fn.min('paid_at').as('first'))
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  const claim = await db
    .selectFrom('expense_claims')
    .select((eb) => eb.fn.min('paid_at').as('first'))
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  const firsts = [payout?.first, claim?.first].filter((d): d is string => typeof d === 'string');
  return firsts.length === 0 ? null : Math.min(...firsts.map((d) => Number(d.slice(0, 4))));
}

/** Deletes the bookkeeping records paid before `before` (their receipts went with the claims'). */
export async function erasePaidRecords(db: Executor, assemblyId: string, before: string): Promise<number> {
  const payouts = await db
    .deleteFrom('stipend_payouts')
    .where('assembly_id', '=', assemblyId)
    .where('paid_at', '<', before)
    .executeTakeFirst();
  // A claim whose receipt is still kept (its receipts are held) stays with it.
  const claims = await db
    .deleteFrom('expense_claims')
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'paid')
    .where('paid_at', '<', before)
    .where('receipt_key', 'is', null)
    .executeTakeFirst();
  return Number(payouts.numDeletedRows) + Number(claims.numDeletedRows);
}

/** Claims of the assembly whose receipt is still kept: what the receipts category covers now. */
export async function countReceipts(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('expense_claims')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('assembly_id', '=', assemblyId)
    .where('receipt_key', 'is not', null)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Every assembly's id: bookkeeping records are kept by law whatever an assembly's end date. */
export async function assemblyIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('assemblies').select('id').execute()).map((r) => r.id);
}

/** The free texts of the assembly's questionnaire answers still kept. */
export async function countQuestionnaireTexts(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('questionnaire_answers')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_answers.questionnaire_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('questionnaires.assembly_id', '=', assemblyId)
    .where('questionnaire_answers.comment', 'is not', null)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Blanks the free texts of the assembly's questionnaire answers; the levels (the figures) stay. */
export async function eraseQuestionnaireTexts(db: Executor, assemblyId: string): Promise<number> {
  const result = await db
    .updateTable('questionnaire_answers')
    .set({ comment: null })
    .where('comment', 'is not', null)
    .where('questionnaire_id', 'in', (eb) =>
      eb.selectFrom('questionnaires').select('id').where('assembly_id', '=', assemblyId),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
