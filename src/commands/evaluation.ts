/**
 * Evaluation (issue 13): an organiser opens a questionnaire (for a session, for the end, or for the
 * team) and closes it; a member (or a team member) answers it once; the evaluator saves the report.
 *
 * Answers cannot be traced to anyone. Opening gives each confirmed member (or each account of the
 * organising team) a one-time right to answer: a row keyed by the hash of a random token, bound to
 * her and the questionnaire. Answering deletes that row and stores the answer in the same
 * transaction; the answer has a random id, the day only, and no person, account or token. Answering
 * writes no audit event either: the log's exact time and running number would place the answer next
 * to the member's own actions (her login, her other changes). The count of answers is its record.
 * Someone confirmed after a questionnaire opened gets no right to answer it: a member without a token
 * could not otherwise be told from one who has answered, which is the point.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import {
  answerLevels,
  audienceOf,
  evaluationLimits,
  isQuestionnaireKind,
  type ReportTexts,
  reportSections,
} from '../domain/evaluation.ts';
import { swedishDay } from '../domain/programme.ts';
import { listTeam } from '../repositories/assemblies.ts';
import { listConfirmedMembers } from '../repositories/attendance.ts';
import {
  closeQuestionnaireRow,
  deleteTokens,
  discardToken,
  findQuestionnaire,
  insertAnswer,
  insertQuestionnaire,
  insertTokens,
  listQuestionnaires,
  saveReport,
  type TokenHolder,
} from '../repositories/evaluation.ts';
import type { Executor } from '../repositories/executor.ts';
import { findSession } from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The roles of the organising team, who answer the organiser questionnaire. */
const teamRoles = ['administrator', 'organiser', 'caller', 'facilitator'];

function tokenHash(): string {
  // The token itself is never kept or sent: the member's login says who she is, the hashed row that
  // she may still answer. Random, so the row's key says nothing about whom it belongs to.
  return createHash('sha256').update(randomBytes(32)).digest('hex');
}

async function holders(trx: Executor, assemblyId: string, kind: 'members' | 'team') {
  if (kind === 'members')
    return (await listConfirmedMembers(trx, assemblyId)).map((m) => ({ person_id: m.id, account_id: null }));
  return (await listTeam(trx, assemblyId))
    .filter((m) => teamRoles.includes(m.role))
    .map((m) => ({ person_id: null, account_id: m.id }));
}

export interface OpenQuestionnaireInput {
  kind: string;
  sessionId: string;
}

/** Opens a questionnaire and gives everyone it asks a one-time right to answer it. */
export async function openQuestionnaire(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: OpenQuestionnaireInput,
): Promise<string> {
  const { kind } = input;
  if (!isQuestionnaireKind(kind)) throw new CommandError('questionnaire_kind', 'kind');
  if (kind === 'session' && !input.sessionId) throw new CommandError('questionnaire_session', 'session');
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    const sessionId = kind === 'session' ? input.sessionId : null;
    if (sessionId && !(await findSession(trx, assemblyId, sessionId)))
      throw new CommandError('questionnaire_session', 'session');
    const open = (await listQuestionnaires(trx, assemblyId)).find(
      (q) => !q.closed_at && q.kind === kind && q.session_id === sessionId,
    );
    if (open) throw new CommandError('questionnaire_already_open', 'kind');
    const invited = await holders(trx, assemblyId, audienceOf(kind));
    if (invited.length === 0) throw new CommandError('questionnaire_nobody', 'kind');
    const at = now();
    await insertQuestionnaire(trx, {
      id,
      assembly_id: assemblyId,
      kind,
      session_id: sessionId,
      invited: invited.length,
      opened_at: at,
      opened_by: actorId(actor),
      closed_at: null,
      closed_by: null,
    });
    await insertTokens(
      trx,
      invited.map((h) => ({ ...h, token_hash: tokenHash(), questionnaire_id: id })),
    );
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evaluation.open',
      subjectType: 'questionnaire',
      subjectId: id,
      details: { kind, invited: invited.length },
    });
  });
  return id;
}

/** Closes a questionnaire: no more answers; the rights not used are deleted with it. */
export async function closeQuestionnaire(
  database: Database,
  actor: Actor,
  assemblyId: string,
  questionnaireId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const questionnaire = await findQuestionnaire(trx, assemblyId, questionnaireId);
    if (!questionnaire) throw new CommandError('not_found');
    if (!(await closeQuestionnaireRow(trx, questionnaireId, now(), actorId(actor))))
      throw new CommandError('questionnaire_closed');
    await deleteTokens(trx, questionnaireId);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'evaluation.close',
      subjectType: 'questionnaire',
      subjectId: questionnaireId,
    });
  });
}

export interface AnswerInput {
  /** The form's fields: a level 1–5 or `dont_know` per statement key; blanks are skipped. */
  levels: Record<string, string>;
  comment: string;
}

/**
 * Stores one answer and deletes the right to answer in the same transaction: a second answer (or
 * one sent at the same moment) finds no right and is refused.
 */
export async function answerQuestionnaire(
  database: Database,
  holder: TokenHolder & { assemblyId: string },
  questionnaireId: string,
  input: AnswerInput,
): Promise<void> {
  const comment = input.comment.trim();
  if (comment.length > evaluationLimits.comment)
    throw new CommandError('too_long', 'comment', { max: evaluationLimits.comment });
  await inTransaction(database, async (trx) => {
    const questionnaire = await findQuestionnaire(trx, holder.assemblyId, questionnaireId);
    if (!questionnaire) throw new CommandError('not_found');
    const { levels, wrong } = answerLevels(questionnaire.kind, input.levels);
    if (wrong.length > 0) throw new CommandError('questionnaire_level', wrong[0]);
    if (questionnaire.closed_at) throw new CommandError('questionnaire_closed');
    if (!(await discardToken(trx, questionnaireId, holder))) throw new CommandError('questionnaire_answered');
    await insertAnswer(
      trx,
      {
        id: crypto.randomUUID(),
        questionnaireId,
        answeredOn: swedishDay(Date.now()),
        comment: comment || null,
      },
      levels,
    );
  });
}

/** Saves the evaluator's report, section by section. */
export async function saveEvaluationReport(
  database: Database,
  actor: Actor,
  assemblyId: string,
  texts: ReportTexts,
): Promise<void> {
  const refused = reportSections.filter((s) => texts[s].length > evaluationLimits.section);
  if (refused.length > 0)
    throw new CommandError(
      'too_long',
      refused[0],
      { max: evaluationLimits.section },
      refused
        .slice(1)
        .map((field) => ({ code: 'too_long', field, params: { max: evaluationLimits.section } })),
    );
  await inTransaction(database, async (trx, audit) => {
    await saveReport(trx, assemblyId, texts, now(), actorId(actor));
    await audit({ actorId: actorId(actor), assemblyId, action: 'evaluation.report_save' });
  });
}
