/**
 * Printing the outbox's waiting messages as letters, as a job: the letters (and, while e-mail is off,
 * the waiting e-mails) are set into `<dataDir>/jobs/<job id>/letters.pdf`, and only once the file is
 * complete are they marked printed, with the audit event, in one transaction. A message is printed
 * once; a dropped connection no longer loses letters already marked printed (the file stays to be
 * downloaded again), and a restart loses nothing (the job is run again and prints what still waits).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { defaultLanguage, isLanguage, type Language, languages } from '../i18n/i18n.ts';
import { type FileJobState, fileJobState } from '../jobs/job-files.ts';
import { JobFailure, type JobKind, jobResult } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { outboxLettersPdf, type PrintedMessage } from '../letters/outbox-pdf.ts';
import { renderMessage } from '../mail/render.ts';
import type { Executor } from '../repositories/executor.ts';
import { findActiveJobOfKind } from '../repositories/jobs.ts';
import { type Channel, listPrintable, markPrinted, type OutboxMessage } from '../repositories/outbox.ts';
import { findContact } from '../repositories/people.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';

/** The most messages printed at once: a print run stays a file a browser and printer handle. */
export const maxPrintedAtOnce = 500;
export const outboxPrintFile = 'letters.pdf';

export interface OutboxPrintInput {
  assemblyId: string;
  /** Who asked, for the audit event written when the messages are marked printed. */
  actorId: string;
  /** Also the queued e-mails (e-mail is off, so they are not stuck). */
  withEmails: boolean;
  language: Language;
  title: string;
}

export interface OutboxPrintResult {
  /** Null when nothing was waiting. */
  file: string | null;
  count: number;
}

const inputSchema: z.ZodType<OutboxPrintInput> = z.object({
  assemblyId: z.string(),
  actorId: z.string(),
  withEmails: z.boolean(),
  language: z.enum(languages),
  title: z.string(),
});

const resultSchema: z.ZodType<OutboxPrintResult> = z.object({
  file: z.string().nullable(),
  count: z.number(),
});

/** A message changed between setting the file and marking it (erased, printed by another run). */
class ChangedMeanwhile extends Error {}

async function lettersOf(db: Executor, messages: OutboxMessage[]): Promise<PrintedMessage[]> {
  const printed: PrintedMessage[] = [];
  for (const m of messages) {
    const contact = m.recipient_kind === 'person' ? await findContact(db, m.recipient_id) : undefined;
    const { subject, body } = renderMessage(m);
    printed.push({
      language: isLanguage(m.language) ? m.language : defaultLanguage,
      addressLines: contact
        ? [
            contact.full_name,
            contact.address,
            [contact.postcode, contact.city].filter(Boolean).join(' '),
          ].filter((line): line is string => Boolean(line))
        : [],
      subject,
      body,
    });
  }
  return printed;
}

export const outboxPrintJob: JobKind<OutboxPrintInput, OutboxPrintResult> = {
  name: 'outbox-print',
  // The file is complete before any message is marked, and marking takes only messages still waiting:
  // running again prints what still waits.
  maxAttempts: 2,
  inputSchema,
  resultSchema,
  async handle(ctx) {
    const { assemblyId, withEmails } = ctx.input;
    const db = ctx.database.db;
    const channels: Channel[] = withEmails ? ['letter', 'email'] : ['letter'];
    // Set again when a message changed meanwhile, so the file holds exactly the messages marked.
    for (let round = 0; round < 3; round++) {
      const messages = (await listPrintable(db, assemblyId, channels)).slice(0, maxPrintedAtOnce);
      if (messages.length === 0) return { file: null, count: 0 };
      ctx.reportProgress(0, 'letters');
      const pdf = await outboxLettersPdf(await lettersOf(db, messages), {
        language: ctx.input.language,
        title: ctx.input.title,
      });
      const dir = join(ctx.dataDir, 'jobs', ctx.jobId);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${outboxPrintFile}.part`), pdf);
      await rename(join(dir, `${outboxPrintFile}.part`), join(dir, outboxPrintFile));
      const ids = messages.map((m) => m.id);
      const marked = await inTransaction(ctx.database, async (trx, audit) => {
        if ((await markPrinted(trx, ids, now())) !== ids.length) throw new ChangedMeanwhile();
        await audit({
          actorId: ctx.input.actorId,
          assemblyId,
          action: 'outbox.print',
          details: { count: ids.length, job: ctx.jobId },
        });
        return true;
      }).catch((error: unknown) => {
        if (error instanceof ChangedMeanwhile) return false;
        throw error;
      });
      if (marked) return { file: outboxPrintFile, count: ids.length };
    }
    throw new JobFailure('changed_meanwhile', undefined, true);
  },
};

/**
 * Asks for the waiting messages as letters: the print job already going for the assembly, or a new
 * one. Nothing changes until the job marks what it printed (with the audit event), so queuing it is
 * not audited by itself. Returns the job's id.
 */
export async function requestOutboxPrint(
  database: Database,
  actor: Actor,
  input: Omit<OutboxPrintInput, 'actorId'>,
): Promise<string> {
  const going = await findActiveJobOfKind(database.db, input.assemblyId, outboxPrintJob.name);
  if (going) return going.id;
  const id = await inTransaction(database, (trx) =>
    enqueueJob(trx, database, outboxPrintJob, {
      assemblyId: input.assemblyId,
      input: { ...input, actorId: actorId(actor) },
      at: now(),
    }),
  );
  wakeJobRunner(database);
  return id;
}

export type OutboxPrintState = FileJobState;

/** Where a job printing the outbox's letters stands, for the page that follows it; undefined when there is no such job. */
export function outboxPrintState(
  database: Database,
  dataDir: string,
  assemblyId: string,
  jobId: string,
): Promise<OutboxPrintState | undefined> {
  return fileJobState(
    database,
    dataDir,
    { assemblyId, kind: outboxPrintJob.name, jobId },
    (job) => jobResult(outboxPrintJob, job)?.file ?? null,
  );
}
