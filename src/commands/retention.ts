/**
 * Retention: an hourly job deletes what Lotta only needed for a while (the periods are in
 * src/domain/retention.ts) and records one audit event with the counts. It is a keyed job that queues
 * its own next run an hour on: one mechanism that works the same on SQLite (the server's runner) and
 * on PostgreSQL (graphile-worker runs it at its `run_at` in a `lotta worker`), where a crontab would
 * exist only on PostgreSQL. Every process that starts (server, worker) brings the next run forward to
 * now, so a restart never waits an hour and a stopped installation catches up at once.
 */
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { housekeepingJobKinds, paidReceiptsBefore, retentionPeriods } from '../domain/retention.ts';
import {
  bookkeepingCutoff,
  dayHasCome,
  erasureDay,
  type RetentionCategory,
} from '../domain/retention-schedule.ts';
import type { JobKind } from '../jobs/job-kind.ts';
import { enqueueKeyedJob } from '../jobs/queue.ts';
import { nudgeJobRunner } from '../jobs/runner.ts';
import { deleteJobFolder, deleteStagedUploadsBefore, jobFolderIds } from '../repositories/data-folder.ts';
import { namedEvidenceFiles } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import { expireClaimReceipts, namedReceipts } from '../repositories/expenses.ts';
import { namedFinalReportFiles, namedLogos } from '../repositories/final-reports.ts';
import { deleteEndedJobs, jobsEndedBefore } from '../repositories/jobs.ts';
import { keptFilesWrittenBefore, removeKeptFile } from '../repositories/kept-files.ts';
import { deleteExpiredLogins } from '../repositories/logins.ts';
import { forgetEndedMessages } from '../repositories/outbox.ts';
import { deleteSpentPasswordLinks } from '../repositories/password-links.ts';
import { deleteHitsBefore } from '../repositories/rate-limits.ts';
import {
  assembliesHolding,
  assembliesWithEnd,
  assemblyIds,
  eraseAnswers,
  eraseContacts,
  erasePaidRecords,
  eraseQuestionnaireTexts,
  insertLogEntry,
  listHolds,
  peopleWithContacts,
} from '../repositories/retention-schedule.ts';
import { eraseSubmissionSenders } from '../repositories/submissions.ts';
import { inTransaction } from './command.ts';

export const retentionJobKey = 'retention';
/** A run that did not finish (its worker died) is tried again this much later. */
const afterLostWorkerMillis = 5 * 60_000;

/** What one run deleted: counts only. */
export interface RetentionCounts {
  logins: number;
  passwordLinks: number;
  rateLimitHits: number;
  stagedUploads: number;
  jobFiles: number;
  housekeepingJobs: number;
  messagesForgotten: number;
  submissionSendersErased: number;
  /** Receipts of expense claims deleted (rejected long enough ago, or paid past the bookkeeping period). */
  receipts: number;
  /** Kept files (evidence, receipts, logos, final report PDFs) no record names: an upload cut off, a job stopped. */
  orphanFiles: number;
  /** Records erased by assemblies' retention schedules (contacts, answers, bookkeeping records). */
  scheduled: number;
}

/** The categories counted from the assembly's end, erased by `eraseCategory`. */
const endAnchored = ['volunteer_contacts', 'member_contacts', 'demographics', 'questionnaires'] as const;

/** Erases one category of one assembly; returns how many records went. */
async function eraseCategory(
  trx: Executor,
  assemblyId: string,
  category: (typeof endAnchored)[number],
  at: string,
): Promise<number> {
  switch (category) {
    case 'volunteer_contacts':
      return eraseContacts(trx, await peopleWithContacts(trx, assemblyId, false), at);
    case 'member_contacts':
      return eraseContacts(trx, await peopleWithContacts(trx, assemblyId, true), at);
    case 'demographics':
      return eraseAnswers(trx, assemblyId);
    case 'questionnaires':
      return eraseQuestionnaireTexts(trx, assemblyId);
  }
}

async function logErasure(
  trx: Executor,
  assemblyId: string,
  category: RetentionCategory,
  at: Date,
  erased: number,
) {
  if (erased > 0)
    await insertLogEntry(trx, assemblyId, {
      id: crypto.randomUUID(),
      category,
      at: at.toISOString(),
      erased,
    });
}

/**
 * Carries out the assemblies' retention schedules (src/domain/retention-schedule.ts) at `at`: each
 * category whose day has come and that no organiser holds, each erasure logged for its assembly.
 */
async function eraseScheduled(trx: Executor, at: Date): Promise<number> {
  let erased = 0;
  for (const assembly of await assembliesWithEnd(trx)) {
    const holds = await listHolds(trx, assembly.id);
    for (const category of endAnchored) {
      const day = erasureDay(category, assembly.endsOn);
      if (!day || !dayHasCome(day, at) || holds.has(category)) continue;
      const count = await eraseCategory(trx, assembly.id, category, at.toISOString());
      await logErasure(trx, assembly.id, category, at, count);
      erased += count;
    }
  }
  const held = new Set(await assembliesHolding(trx, 'stipend_records'));
  for (const id of await assemblyIds(trx)) {
    if (held.has(id)) continue;
    const count = await erasePaidRecords(trx, id, bookkeepingCutoff(at));
    await logErasure(trx, id, 'stipend_records', at, count);
    erased += count;
  }
  return erased;
}

/** Deletes the files of the kept folders that no record names and that have lain long enough. */
async function sweepOrphanFiles(database: Database, dataDir: string, before: number): Promise<number> {
  let removed = 0;
  const folders = [
    ['evidence', namedEvidenceFiles],
    ['receipts', namedReceipts],
    ['logos', namedLogos],
    ['final-reports', namedFinalReportFiles],
  ] as const;
  for (const [folder, named] of folders) {
    const old = await keptFilesWrittenBefore(dataDir, folder, before);
    // A few hundred keys at a time, to stay within a query's parameters.
    for (let i = 0; i < old.length; i += 500) {
      const keys = old.slice(i, i + 500);
      const kept = await named(database.db, keys);
      for (const key of keys.filter((k) => !kept.has(k))) {
        await removeKeptFile(dataDir, folder, key);
        removed++;
      }
    }
  }
  return removed;
}

function before(at: Date, millis: number): Date {
  return new Date(at.getTime() - millis);
}

/**
 * Deletes everything whose period has run out at `at`: files first (a file whose job row is gone could
 * not be found again), then the database's rows with the run's audit event in one transaction.
 */
export async function runRetention(database: Database, dataDir: string, at: Date): Promise<RetentionCounts> {
  const p = retentionPeriods;
  const stagedUploads = await deleteStagedUploadsBefore(dataDir, before(at, p.stagedUploadMillis).getTime());
  const ended = await jobsEndedBefore(
    database.db,
    await jobFolderIds(dataDir),
    before(at, p.jobFileMillis).toISOString(),
  );
  for (const id of ended) await deleteJobFolder(dataDir, id);
  const orphanFiles = await sweepOrphanFiles(database, dataDir, before(at, p.orphanFileMillis).getTime());
  const { counts, receiptKeys } = await inTransaction(database, async (trx, audit) => {
    const expired = await expireClaimReceipts(trx, {
      rejectedBefore: before(at, p.rejectedReceiptMillis).toISOString(),
      paidBefore: paidReceiptsBefore(at),
      heldAssemblies: await assembliesHolding(trx, 'receipts'),
    });
    const receiptKeys = expired.map((r) => r.key);
    for (const assemblyId of new Set(expired.map((r) => r.assemblyId)))
      await logErasure(
        trx,
        assemblyId,
        'receipts',
        at,
        expired.filter((r) => r.assemblyId === assemblyId).length,
      );
    // Receipts first: a paid claim past the period loses its receipt, then its row.
    const scheduled = await eraseScheduled(trx, at);
    const counts: RetentionCounts = {
      logins: await deleteExpiredLogins(trx, at.toISOString()),
      passwordLinks: await deleteSpentPasswordLinks(trx, at.toISOString()),
      rateLimitHits: await deleteHitsBefore(trx, before(at, p.rateLimitHitMillis).getTime()),
      stagedUploads,
      jobFiles: ended.length,
      housekeepingJobs: await deleteEndedJobs(
        trx,
        housekeepingJobKinds,
        before(at, p.housekeepingJobMillis).toISOString(),
      ),
      messagesForgotten: await forgetEndedMessages(trx, before(at, p.endedMessageMillis).toISOString()),
      submissionSendersErased: await eraseSubmissionSenders(
        trx,
        before(at, p.submissionSenderMillis).toISOString(),
        at.toISOString(),
      ),
      receipts: receiptKeys.length,
      orphanFiles,
      scheduled,
    };
    await audit({
      actorId: 'system',
      action: 'retention.run',
      at: at.toISOString(),
      details: { ...counts },
    });
    return { counts, receiptKeys };
  });
  // The rows no longer name the files: they go once that has committed.
  for (const key of receiptKeys) await removeKeptFile(dataDir, 'receipts', key);
  return counts;
}

const countsSchema: z.ZodType<RetentionCounts> = z.object({
  logins: z.number(),
  passwordLinks: z.number(),
  rateLimitHits: z.number(),
  stagedUploads: z.number(),
  jobFiles: z.number(),
  housekeepingJobs: z.number(),
  messagesForgotten: z.number(),
  submissionSendersErased: z.number(),
  // Runs recorded before receipts were kept counted none.
  receipts: z.number().default(0),
  orphanFiles: z.number().default(0),
  scheduled: z.number().default(0),
});

export const retentionJob: JobKind<Record<string, never>, RetentionCounts> = {
  name: 'retention',
  // Not retried as a job: the next hourly run does the same work.
  maxAttempts: 1,
  // A run deletes whatever has run out: it is queued with nothing to say.
  inputSchema: z.record(z.string(), z.never()),
  resultSchema: countsSchema,
  async handle(ctx) {
    try {
      return await runRetention(ctx.database, ctx.dataDir, new Date());
    } finally {
      await scheduleRetention(ctx.database, new Date(Date.now() + retentionPeriods.runEveryMillis));
    }
  },
  async abandoned(database) {
    await scheduleRetention(database, new Date(Date.now() + afterLostWorkerMillis));
  },
};

/** Queues the next retention run for `runAt`, or brings the one waiting forward to it. */
export async function scheduleRetention(database: Database, runAt: Date): Promise<void> {
  const at = new Date().toISOString();
  await database.db.transaction().execute((trx) =>
    enqueueKeyedJob(trx, database, retentionJob, {
      jobKey: retentionJobKey,
      input: {},
      runAt: runAt.toISOString(),
      at,
    }),
  );
}

/** At a process's start: a retention run now (then hourly); this process's runner, if any, takes it. */
export async function startRetention(database: Database): Promise<void> {
  await scheduleRetention(database, new Date());
  nudgeJobRunner(database);
}
