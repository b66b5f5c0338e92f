/**
 * Answers to adopted recommendations, their published versions, implementation updates, the
 * handover and deadline, and the reminders already sent: rows as the commands and queries use them,
 * statuses decoded.
 */
import type { Selectable } from 'kysely';
import type {
  AnswerDeadlinesTable,
  AnswersTable,
  AnswerVersionsTable,
  ImplementationUpdatesTable,
} from '../db/schema.ts';
import {
  type AnswerStatus,
  type ImplementationStage,
  isAnswerStatus,
  isImplementationStage,
} from '../domain/answers.ts';
import type { Executor } from './executor.ts';

export interface AnswerDeadline {
  assemblyId: string;
  handoverDate: string;
  deadline: string;
}

export interface Answer extends Omit<Selectable<AnswersTable>, 'status'> {
  status: AnswerStatus;
}
export interface AnswerVersion extends Omit<Selectable<AnswerVersionsTable>, 'status'> {
  status: AnswerStatus;
}
export interface ImplementationUpdate extends Omit<Selectable<ImplementationUpdatesTable>, 'stage'> {
  stage: ImplementationStage | null;
}

// A status no longer known (never written by Lotta) reads as "under consideration": still open.
const statusOf = (value: string): AnswerStatus => (isAnswerStatus(value) ? value : 'under_consideration');

export async function findDeadline(db: Executor, assemblyId: string): Promise<AnswerDeadline | null> {
  const row = await db
    .selectFrom('answer_deadlines')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  return row ? { assemblyId, handoverDate: row.handover_date, deadline: row.deadline } : null;
}

/** Every assembly's deadline, for the daily reminder run. */
export async function listDeadlines(db: Executor): Promise<AnswerDeadline[]> {
  const rows = await db.selectFrom('answer_deadlines').selectAll().orderBy('assembly_id').execute();
  return rows.map((r) => ({
    assemblyId: r.assembly_id,
    handoverDate: r.handover_date,
    deadline: r.deadline,
  }));
}

export async function saveDeadline(db: Executor, row: Selectable<AnswerDeadlinesTable>): Promise<void> {
  const { assembly_id, ...change } = row;
  await db
    .insertInto('answer_deadlines')
    .values(row)
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(change))
    .execute();
}

export async function listAnswers(db: Executor, assemblyId: string): Promise<Answer[]> {
  const rows = await db.selectFrom('answers').selectAll().where('assembly_id', '=', assemblyId).execute();
  return rows.map((r) => ({ ...r, status: statusOf(r.status) }));
}

export async function findAnswer(
  db: Executor,
  assemblyId: string,
  recommendationId: string,
): Promise<Answer | null> {
  const row = await db
    .selectFrom('answers')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('recommendation_id', '=', recommendationId)
    .executeTakeFirst();
  return row ? { ...row, status: statusOf(row.status) } : null;
}

export async function insertAnswer(db: Executor, row: Selectable<AnswersTable>): Promise<void> {
  await db.insertInto('answers').values(row).execute();
}

export async function updateAnswer(
  db: Executor,
  id: string,
  change: Partial<Omit<Selectable<AnswersTable>, 'id' | 'assembly_id' | 'recommendation_id'>>,
): Promise<void> {
  await db.updateTable('answers').set(change).where('id', '=', id).execute();
}

export async function insertAnswerVersion(db: Executor, row: Selectable<AnswerVersionsTable>): Promise<void> {
  await db.insertInto('answer_versions').values(row).execute();
}

/** Every published version of the assembly's answers, newest first within each answer. */
export async function listAnswerVersions(db: Executor, assemblyId: string): Promise<AnswerVersion[]> {
  const rows = await db
    .selectFrom('answer_versions')
    .innerJoin('answers', 'answers.id', 'answer_versions.answer_id')
    .selectAll('answer_versions')
    .where('answers.assembly_id', '=', assemblyId)
    .orderBy('answer_versions.answer_id')
    .orderBy('answer_versions.number', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, status: statusOf(r.status) }));
}

export async function insertUpdate(db: Executor, row: Selectable<ImplementationUpdatesTable>): Promise<void> {
  await db.insertInto('implementation_updates').values(row).execute();
}

/** The assembly's implementation updates, newest first (by the day they report on, then written). */
export async function listUpdates(db: Executor, assemblyId: string): Promise<ImplementationUpdate[]> {
  const rows = await db
    .selectFrom('implementation_updates')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('on_date', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, stage: r.stage && isImplementationStage(r.stage) ? r.stage : null }));
}

/** The accounts that answer for the assembly (its commissioners), enabled ones only. */
export function listCommissioners(db: Executor, assemblyId: string) {
  return db
    .selectFrom('assembly_roles')
    .innerJoin('accounts', 'accounts.id', 'assembly_roles.account_id')
    .select(['accounts.id', 'accounts.email', 'accounts.display_name', 'accounts.language'])
    .where('assembly_roles.assembly_id', '=', assemblyId)
    .where('assembly_roles.role', '=', 'commissioner')
    .where('accounts.disabled_at', 'is', null)
    .orderBy('accounts.display_name')
    .execute();
}

/**
 * Records a reminder as sent; false when it already was (a second run the same day, or two
 * workers at once: the primary key lets only one of them through).
 */
export async function claimReminder(
  db: Executor,
  row: { assembly_id: string; deadline: string; offset_days: number; sent_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('answer_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['assembly_id', 'deadline', 'offset_days']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
