/**
 * Questionnaires, the one-time rights to answer them, the anonymous answers, and the evaluation
 * report. Answers are read only in bulk per questionnaire, ordered by their random id: nothing here
 * reads who answered what, because nothing stored says it.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { QuestionnairesTable } from '../db/schema.ts';
import {
  isQuestionnaireKind,
  type QuestionnaireAnswer,
  type QuestionnaireKind,
  reportSections,
} from '../domain/evaluation.ts';
import { type Executor, toCount } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export interface Questionnaire extends Omit<Selectable<QuestionnairesTable>, 'kind'> {
  kind: QuestionnaireKind;
}

function decoded(row: Selectable<QuestionnairesTable>): Questionnaire {
  if (!isQuestionnaireKind(row.kind)) throw new Error(`questionnaire ${row.id} has an unknown kind`);
  return { ...row, kind: row.kind };
}

export async function insertQuestionnaire(db: Executor, row: Selectable<QuestionnairesTable>): Promise<void> {
  await db.insertInto('questionnaires').values(row).execute();
}

export async function findQuestionnaire(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<Questionnaire | null> {
  const row = await db
    .selectFrom('questionnaires')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decoded(row) : null;
}

/** The assembly's questionnaires, newest first. */
export async function listQuestionnaires(db: Executor, assemblyId: string): Promise<Questionnaire[]> {
  const rows = await db
    .selectFrom('questionnaires')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('opened_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decoded);
}

export async function closeQuestionnaireRow(
  db: Executor,
  id: string,
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('questionnaires')
    .set({ closed_at: at, closed_by: by })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Rights to answer, each a token's hash bound to one member or one team account. */
export async function insertTokens(
  db: Executor,
  rows: {
    token_hash: string;
    questionnaire_id: string;
    person_id: string | null;
    account_id: string | null;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('questionnaire_tokens')
      .values(rows.slice(i, i + 200))
      .execute();
}

export type TokenHolder = { personId: string } | { accountId: string };

function holderColumn(holder: TokenHolder) {
  return 'personId' in holder
    ? ({ column: 'person_id', id: holder.personId } as const)
    : ({ column: 'account_id', id: holder.accountId } as const);
}

/** Whether the holder may still answer the questionnaire (her token is there). */
export async function hasToken(db: Executor, questionnaireId: string, holder: TokenHolder): Promise<boolean> {
  const { column, id } = holderColumn(holder);
  const row = await db
    .selectFrom('questionnaire_tokens')
    .select('token_hash')
    .where('questionnaire_id', '=', questionnaireId)
    .where(column, '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes the holder's token; true when there was one. Two answers sent at once both try: the second
 * waits for the first's transaction and then deletes nothing, so only one answer is stored.
 */
export async function discardToken(
  db: Executor,
  questionnaireId: string,
  holder: TokenHolder,
): Promise<boolean> {
  const { column, id } = holderColumn(holder);
  const result = await db
    .deleteFrom('questionnaire_tokens')
    .where('questionnaire_id', '=', questionnaireId)
    .where(column, '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes every right left to answer a closed questionnaire: after it, nobody can tell who answered. */
export async function deleteTokens(db: Executor, questionnaireId: string): Promise<void> {
  await db.deleteFrom('questionnaire_tokens').where('questionnaire_id', '=', questionnaireId).execute();
}

/** The open questionnaires the holder may still answer, oldest first. */
export async function openQuestionnairesOf(db: Executor, holder: TokenHolder): Promise<Questionnaire[]> {
  const { column, id } = holderColumn(holder);
  const rows = await db
    .selectFrom('questionnaire_tokens')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_tokens.questionnaire_id')
    .selectAll('questionnaires')
    .where(`questionnaire_tokens.${column}`, '=', id)
    .where('questionnaires.closed_at', 'is', null)
    .orderBy('questionnaires.opened_at')
    .execute();
  return rows.map(decoded);
}

/** Stores an answer: the row (random id, the day) and its levels; no person, no token, no time. */
export async function insertAnswer(
  db: Executor,
  answer: { id: string; questionnaireId: string; answeredOn: string; comment: string | null },
  levels: Record<string, number | null>,
): Promise<void> {
  await db
    .insertInto('questionnaire_answers')
    .values({
      id: answer.id,
      questionnaire_id: answer.questionnaireId,
      answered_on: answer.answeredOn,
      comment: answer.comment,
    })
    .execute();
  const rows = Object.entries(levels).map(([statement, level]) => ({
    answer_id: answer.id,
    statement,
    level,
  }));
  if (rows.length > 0) await db.insertInto('questionnaire_answer_levels').values(rows).execute();
}

/** Every answer to a questionnaire, in the order of their random ids. */
export async function listAnswers(db: Executor, questionnaireId: string): Promise<QuestionnaireAnswer[]> {
  const answers = await db
    .selectFrom('questionnaire_answers')
    .select(['id', 'comment'])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('id')
    .execute();
  const levels = await db
    .selectFrom('questionnaire_answer_levels')
    .innerJoin('questionnaire_answers', 'questionnaire_answers.id', 'questionnaire_answer_levels.answer_id')
    .select(['questionnaire_answer_levels.answer_id', 'statement', 'level'])
    .where('questionnaire_answers.questionnaire_id', '=', questionnaireId)
    .execute();
  const byAnswer = new Map(
    answers.map((a) => [a.id, { levels: {} as Record<string, number | null>, comment: a.comment }]),
  );
  for (const l of levels) {
    const answer = byAnswer.get(l.answer_id);
    if (answer) answer.levels[l.statement] = l.level === null ? null : Number(l.level);
  }
  return [...byAnswer.values()];
}

/** Answers per questionnaire of the assembly. */
export async function countAnswers(db: Executor, assemblyId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('questionnaire_answers')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_answers.questionnaire_id')
    .select((eb) => ['questionnaire_answers.questionnaire_id', eb.fn.countAll().as('n')])
    .where('questionnaires.assembly_id', '=', assemblyId)
    .groupBy('questionnaire_answers.questionnaire_id')
    .execute();
  return new Map(rows.map((r) => [r.questionnaire_id, toCount(r.n as string | number)]));
}

// --- The report -----------------------------------------------------------------------------------

const sectionsSchema = z.object(Object.fromEntries(reportSections.map((s) => [s, z.string().default('')])));

export interface StoredReport {
  sections: Record<string, string>;
  updatedAt: string;
  updatedBy: string;
}

export async function findReport(db: Executor, assemblyId: string): Promise<StoredReport | null> {
  const row = await db
    .selectFrom('evaluation_reports')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    sections: readStoredJson(sectionsSchema, row.sections, 'evaluation report') as Record<string, string>,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function saveReport(
  db: Executor,
  assemblyId: string,
  sections: Record<string, string>,
  at: string,
  by: string,
): Promise<void> {
  const values = { sections: JSON.stringify(sections), updated_at: at, updated_by: by };
  await db
    .insertInto('evaluation_reports')
    .values({ assembly_id: assemblyId, ...values })
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(values))
    .execute();
}

// --- Figures from other parts, read for the report only --------------------------------------------

/** Members who withdrew or were replaced after they had confirmed: the panel's drop-outs. */
export async function countLeftAfterConfirming(db: Executor, assemblyId: string): Promise<number> {
  const row = await db
    .selectFrom('status_history')
    .innerJoin('people', 'people.id', 'status_history.person_id')
    .select((eb) => eb.fn.count('status_history.person_id').distinct().as('n'))
    .where('people.assembly_id', '=', assemblyId)
    .where('status_history.from_status', '=', 'confirmed')
    .where('status_history.to_status', 'in', ['withdrawn', 'replaced'])
    .executeTakeFirstOrThrow();
  return toCount(row.n as string | number);
}
