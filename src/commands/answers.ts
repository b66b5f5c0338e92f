/**
 * After the handover: organisers set the handover date and the deadline and invite the decision
 * makers (commissioners); commissioners (or organisers on their behalf) draft and publish an answer
 * to each adopted recommendation and report on its implementation. Each step and its audit event in
 * one transaction, with the members' news queued in the outbox in the same transaction. The daily
 * `answer-reminders` job reminds the commissioners of the deadline while answers are missing.
 */
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import {
  type AnswerInput,
  answerRefusals,
  type DeadlineInput,
  daysBetween,
  deadlineRefusals,
  defaultDeadline,
  isAnswerStatus,
  isImplementationStage,
  type Refusal,
  reminderPoint,
  stockholmDate,
  type UpdateInput,
  updateRefusals,
} from '../domain/answers.ts';
import { isEmailAddress } from '../domain/email-address.ts';
import { isLanguage } from '../i18n/i18n.ts';
import type { JobKind } from '../jobs/job-kind.ts';
import { enqueueKeyedJob } from '../jobs/queue.ts';
import { nudgeJobRunner } from '../jobs/runner.ts';
import { queueAnswerReminder, queueFollowUpNews } from '../mail/answers.ts';
import { findAccountByEmail } from '../repositories/accounts.ts';
import {
  claimReminder,
  findAnswer,
  insertAnswer,
  insertAnswerVersion,
  insertUpdate,
  listAnswers,
  listCommissioners,
  listDeadlines,
  saveDeadline,
  updateAnswer,
} from '../repositories/answers.ts';
import { type Assembly, findAssembly, setRole } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { findRecommendation, listRecommendations } from '../repositories/recommendations.ts';
import {
  hashPassword,
  insertStaffAccount,
  maxEmailLength,
  type PasswordDelivery,
  temporaryPassword,
} from './accounts.ts';
import { checkTeamChange } from './assemblies.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

function refuseAll(refusals: Refusal[]): void {
  const [first, ...rest] = refusals;
  if (first) throw new CommandError(first.code, first.field, first.params, rest);
}

async function assemblyOf(trx: Executor, assemblyId: string): Promise<Assembly> {
  const assembly = await findAssembly(trx, assemblyId);
  if (!assembly) throw new CommandError('not_found');
  return assembly;
}

/** Sets the handover date and the deadline (three months after the handover when left empty). */
export async function setAnswerDeadline(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: DeadlineInput,
): Promise<{ deadline: string }> {
  refuseAll(deadlineRefusals(input));
  const deadline = input.deadline || defaultDeadline(input.handoverDate);
  await inTransaction(database, async (trx, audit) => {
    await assemblyOf(trx, assemblyId);
    await saveDeadline(trx, {
      assembly_id: assemblyId,
      handover_date: input.handoverDate,
      deadline,
      updated_at: now(),
      updated_by: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'answers.deadline',
      details: { handoverDate: input.handoverDate, deadline },
    });
  });
  return { deadline };
}

export interface CommissionerInvitation {
  email: string;
  name: string;
  language: string;
}

function invitationRefusals(input: CommissionerInvitation): Refusal[] {
  const refusals: Refusal[] = [];
  const email = input.email.trim();
  if (!isEmailAddress(email) || email.length > maxEmailLength)
    refusals.push({ code: 'email_invalid', field: 'email', params: {} });
  if (!input.name.trim()) refusals.push({ code: 'required', field: 'name', params: {} });
  else if (input.name.length > 200) refusals.push({ code: 'too_long', field: 'name', params: { max: 200 } });
  return refusals;
}

/**
 * Gives the commissioner role in the assembly to the account with the address, creating it first
 * (with a set-password link e-mailed through the outbox) when there is none. Whether an account was
 * created. The actor's own rights must cover the role, as on the team page.
 */
export async function inviteCommissioner(
  database: Database,
  actor: Actor,
  assemblyId: string,
  input: CommissionerInvitation,
  delivery: PasswordDelivery,
): Promise<{ created: boolean }> {
  refuseAll(invitationRefusals(input));
  const email = input.email.trim().toLowerCase();
  const language = isLanguage(input.language) ? input.language : 'sv';
  const passwordHash = await hashPassword(temporaryPassword());
  return inTransaction(database, async (trx, audit) => {
    await assemblyOf(trx, assemblyId);
    let account = await findAccountByEmail(trx, email);
    const created = !account;
    if (!account) {
      const staff = { email, displayName: input.name, isAdmin: false, language, passwordHash };
      const id = await insertStaffAccount(trx, database, staff, delivery, now());
      account = await findAccountByEmail(trx, email);
      if (!account || account.id !== id) throw new CommandError('not_found');
    }
    await checkTeamChange(trx, actor, assemblyId, account, 'commissioner').catch((error: unknown) => {
      // The team page's refusal (e.g. the address belongs to someone above the actor), shown next to
      // the address on this form, which has no role field.
      if (error instanceof CommandError) throw new CommandError(error.code, 'email', error.params);
      throw error;
    });
    await setRole(trx, assemblyId, account.id, 'commissioner', now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'answers.invite_commissioner',
      subjectType: 'account',
      subjectId: account.id,
      details: { created, passwordLink: created && Boolean(delivery.linkBase) },
    });
    return { created };
  });
}

/** The recommendation, when it is the assembly's and was adopted: only those are answered. */
async function adoptedRecommendation(trx: Executor, assemblyId: string, recommendationId: string) {
  const recommendation = await findRecommendation(trx, assemblyId, recommendationId);
  if (!recommendation) throw new CommandError('not_found');
  if (recommendation.status !== 'adopted') throw new CommandError('answers_not_adopted');
  return recommendation;
}

/**
 * Saves the answer's draft and, with `publish`, publishes it: a new version kept whole, the first
 * publication's time kept (it decides whether the answer came late), and each confirmed member told.
 * A draft is seen by the team and the commissioners only.
 */
export async function saveAnswer(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  input: AnswerInput,
  options: { publish: boolean; at?: string },
): Promise<{ version: number; published: boolean }> {
  refuseAll(answerRefusals(input));
  const at = options.at ?? now();
  const by = actorId(actor);
  const draft = {
    status: isAnswerStatus(input.status) ? input.status : 'under_consideration',
    reasons: input.reasons.trim(),
    body_responsible: input.bodyResponsible.trim(),
    timeline: input.timeline.trim(),
    timeline_date: input.timelineDate || null,
    updated_at: at,
    updated_by: by,
  };
  return inTransaction(database, async (trx, audit) => {
    const assembly = await assemblyOf(trx, assemblyId);
    const recommendation = await adoptedRecommendation(trx, assemblyId, recommendationId);
    const existing = await findAnswer(trx, assemblyId, recommendationId);
    const id = existing?.id ?? crypto.randomUUID();
    let version = existing?.published_version ?? 0;
    if (existing) await updateAnswer(trx, id, draft);
    else
      await insertAnswer(trx, {
        id,
        assembly_id: assemblyId,
        recommendation_id: recommendationId,
        ...draft,
        published_at: null,
        published_version: 0,
      });
    if (options.publish) {
      version += 1;
      const { updated_at: _u, updated_by: _b, ...text } = draft;
      await insertAnswerVersion(trx, {
        answer_id: id,
        number: version,
        ...text,
        published_at: at,
        published_by: by,
      });
      await updateAnswer(trx, id, { published_at: existing?.published_at ?? at, published_version: version });
      await queueFollowUpNews(
        trx,
        database,
        assembly,
        { kind: 'answer', recommendation: recommendation.title, status: draft.status, revised: version > 1 },
        at,
      );
    }
    await audit({
      actorId: by,
      assemblyId,
      action: options.publish ? 'answers.publish' : 'answers.draft',
      subjectType: 'recommendation',
      subjectId: recommendationId,
      details: { version, status: draft.status },
      at,
    });
    return { version, published: options.publish };
  });
}

/** Adds an implementation update, published when written: kept, never edited; members told. */
export async function addImplementationUpdate(
  database: Database,
  actor: Actor,
  assemblyId: string,
  recommendationId: string,
  input: UpdateInput,
  options: { at?: string } = {},
): Promise<string> {
  refuseAll(updateRefusals(input));
  const at = options.at ?? now();
  const id = crypto.randomUUID();
  const stage = isImplementationStage(input.stage) ? input.stage : null;
  const progress = input.progress === '' ? null : Number(input.progress);
  await inTransaction(database, async (trx, audit) => {
    const assembly = await assemblyOf(trx, assemblyId);
    const recommendation = await adoptedRecommendation(trx, assemblyId, recommendationId);
    await insertUpdate(trx, {
      id,
      assembly_id: assemblyId,
      recommendation_id: recommendationId,
      on_date: input.onDate,
      stage,
      progress,
      text: input.text.trim(),
      evidence_url: input.evidenceUrl.trim(),
      created_at: at,
      created_by: actorId(actor),
    });
    await queueFollowUpNews(
      trx,
      database,
      assembly,
      { kind: 'update', recommendation: recommendation.title, stage, progress, onDate: input.onDate },
      at,
    );
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'answers.update',
      subjectType: 'recommendation',
      subjectId: recommendationId,
      details: { stage, progress },
      at,
    });
  });
  return id;
}

// --- Reminders ------------------------------------------------------------------------------------

/** How many adopted recommendations of the assembly have no published answer. */
async function missingAnswers(trx: Executor, assemblyId: string): Promise<number> {
  const adopted = (await listRecommendations(trx, assemblyId)).filter((r) => r.status === 'adopted');
  const published = new Set(
    (await listAnswers(trx, assemblyId)).filter((a) => a.published_at).map((a) => a.recommendation_id),
  );
  return adopted.filter((r) => !published.has(r.id)).length;
}

/**
 * Sends the reminders due at `at` (see `reminderPoint`): for each assembly with a deadline and
 * missing answers, the latest reminder point reached, once, to each of its commissioners. Returns how
 * many messages were queued.
 */
export async function runAnswerReminders(database: Database, at: Date): Promise<number> {
  let queued = 0;
  for (const { assemblyId, deadline } of await listDeadlines(database.db)) {
    const point = reminderPoint(deadline, at);
    if (point === null) continue;
    queued += await inTransaction(database, async (trx, audit) => {
      const missing = await missingAnswers(trx, assemblyId);
      const commissioners = await listCommissioners(trx, assemblyId);
      if (missing === 0 || commissioners.length === 0) return 0;
      const iso = at.toISOString();
      if (
        !(await claimReminder(trx, { assembly_id: assemblyId, deadline, offset_days: point, sent_at: iso }))
      )
        return 0;
      const assembly = await assemblyOf(trx, assemblyId);
      const day = daysBetween(deadline, stockholmDate(at));
      for (const account of commissioners)
        await queueAnswerReminder(trx, database, { assembly, account, deadline, day, missing, at: iso });
      await audit({
        actorId: 'system',
        assemblyId,
        action: 'answers.remind',
        details: { offsetDays: point, missing, recipients: commissioners.length },
        at: iso,
      });
      return commissioners.length;
    });
  }
  return queued;
}

export const answerRemindersJobKey = 'answer-reminders';
const day = 86_400_000;
/** A run that did not finish (its worker died) is tried again this much later. */
const afterLostWorkerMillis = 15 * 60_000;

export const answerRemindersJob: JobKind<Record<string, never>, { queued: number }> = {
  name: 'answer-reminders',
  // Not retried as a job: tomorrow's run sends whatever is still due (the reminder points catch up).
  maxAttempts: 1,
  inputSchema: z.record(z.string(), z.never()),
  resultSchema: z.object({ queued: z.number() }),
  async handle(ctx) {
    try {
      return { queued: await runAnswerReminders(ctx.database, new Date()) };
    } finally {
      await scheduleAnswerReminders(ctx.database, new Date(Date.now() + day));
    }
  },
  async abandoned(database) {
    await scheduleAnswerReminders(database, new Date(Date.now() + afterLostWorkerMillis));
  },
};

/** Queues the next reminder run for `runAt`, or brings the one waiting forward to it. */
export async function scheduleAnswerReminders(database: Database, runAt: Date): Promise<void> {
  await database.db.transaction().execute((trx) =>
    enqueueKeyedJob(trx, database, answerRemindersJob, {
      jobKey: answerRemindersJobKey,
      input: {},
      runAt: runAt.toISOString(),
      at: new Date().toISOString(),
    }),
  );
}

/** At a process's start: a reminder run now (then daily); a second run the same day sends nothing. */
export async function startAnswerReminders(database: Database): Promise<void> {
  await scheduleAnswerReminders(database, new Date());
  nudgeJobRunner(database);
}
