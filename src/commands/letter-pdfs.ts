/**
 * Letter PDFs as jobs: the letters of a draw are set into a PDF file in the data folder
 * (`<dataDir>/jobs/<job id>/letters.pdf`) by whichever process runs the job, and then downloaded. A
 * dropped connection or a restart loses nothing: the job goes on (or is run again), and the same
 * request later is handed the finished file instead of a new one.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import type { Language } from '../i18n/i18n.ts';
import { jobFilePath, reusableFileJob, waitForJob } from '../jobs/job-files.ts';
import { type JobKind, jobResult } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { type LetterTemplate, letterLanguage } from '../letters/letter-template.ts';
import { lettersPdf } from '../letters/letters-pdf.ts';
import { log } from '../log.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { drawLetters } from '../repositories/invitation-draws.ts';
import { findJobOfKind, type Job, listJobsOfKind } from '../repositories/jobs.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';
import { assemblyLetterLanguage } from './invitation-draws.ts';

/** Everything that decides the PDF's content except the letters themselves, which stay in the database. */
export interface LettersPdfJobInput {
  drawId: string;
  assemblyId: string;
  /** Only the letters in this language; null for all. */
  language: Language | null;
  registrationBase: string;
  templates: Partial<Record<Language, LetterTemplate>>;
  columns: string[];
  sender: Partial<Record<Language, string>>;
  /** The date printed on the letters (ISO). */
  date: string;
}

const lettersPdfResultSchema = z.object({ file: z.string(), letters: z.number(), pages: z.number() });
export type LettersPdfResult = z.output<typeof lettersPdfResultSchema>;

/** The draw a letters job was made from: all a reader of its (kept) input needs. */
const lettersJobDraw = z.object({ drawId: z.string() });

function isOfDraw(job: Job, drawId: string): boolean {
  const input = lettersJobDraw.safeParse(job.input);
  return input.success && input.data.drawId === drawId;
}

export const lettersPdfFile = 'letters.pdf';

export { jobFilePath } from '../jobs/job-files.ts';

export const lettersPdfJob: JobKind<LettersPdfJobInput, LettersPdfResult> = {
  name: 'letters-pdf',
  resultSchema: lettersPdfResultSchema,
  // The file is written under a temporary name and renamed at the end: running again is safe.
  maxAttempts: 2,
  async handle(ctx) {
    const input = ctx.input;
    const assembly = await findAssembly(ctx.database.db, input.assemblyId);
    const fallback = assembly ? assemblyLetterLanguage(assembly) : 'sv';
    const letters = (await drawLetters(ctx.database.db, input.drawId))
      .map((r) => ({
        fields: r.fields,
        code: r.code,
        language: letterLanguage(r.language ?? undefined, fallback),
      }))
      .filter((l) => input.language === null || l.language === input.language);
    ctx.reportProgress(0, 'letters');
    const dir = join(ctx.dataDir, 'jobs', ctx.jobId);
    await mkdir(dir, { recursive: true });
    const part = join(dir, `${lettersPdfFile}.part`);
    const pdf = lettersPdf(letters, {
      templates: input.templates,
      columns: input.columns,
      registrationBase: input.registrationBase,
      sender: input.sender,
      date: new Date(input.date),
    });
    await pipeline(pdf.stream, createWriteStream(part));
    const { pages } = await pdf.done;
    await rename(part, join(dir, lettersPdfFile));
    return { file: lettersPdfFile, letters: letters.length, pages };
  },
};

/**
 * Asks for the letters of a draw as a PDF: the job that makes it (queued with its audit event), or
 * the one already making or having made the same file today. Returns the job's id.
 */
export async function requestLettersPdf(
  database: Database,
  actor: Actor,
  dataDir: string,
  input: LettersPdfJobInput,
): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify({ ...input, date: input.date.slice(0, 10) }))
    .digest('hex');
  const earlier = await reusableFileJob(
    database,
    dataDir,
    { assemblyId: input.assemblyId, kind: lettersPdfJob.name, key },
    (job) => jobResult(lettersPdfJob, job)?.file ?? null,
  );
  if (earlier) return earlier;
  const id = await inTransaction(database, async (trx, audit) => {
    const jobId = await enqueueJob(trx, database, lettersPdfJob, {
      assemblyId: input.assemblyId,
      input,
      at: now(),
      dedupeKey: key,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: input.assemblyId,
      action: 'invitations.letters_pdf',
      subjectType: 'invitation_draw',
      subjectId: input.drawId,
      details: { job: jobId, language: input.language },
    });
    return jobId;
  });
  wakeJobRunner(database);
  return id;
}

/**
 * Deletes the letter PDFs made from a draw (they hold the recipients' names and addresses), when its
 * recipients are erased. Returns how many files' folders were removed.
 */
export async function deleteLetterPdfs(
  database: Database,
  dataDir: string,
  assemblyId: string,
  drawId: string,
): Promise<number> {
  let removed = 0;
  for (const job of await listJobsOfKind(database.db, assemblyId, lettersPdfJob.name)) {
    if (!isOfDraw(job, drawId)) continue;
    await rm(join(dataDir, 'jobs', job.id), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** How long a download request waits for its PDF before showing the page that follows the job. */
export const letterPdfSettings = { waitMillis: 10_000 };

/**
 * Waits (up to `letterPdfSettings.waitMillis`) for a letters job to end. Most letter runs take
 * seconds, so the request that asked can hand out the file; true when the job is no longer going.
 */
export async function waitForLettersPdf(
  database: Database,
  assemblyId: string,
  jobId: string,
): Promise<boolean> {
  return waitForJob(async () => {
    const job = await findJobOfKind(database.db, assemblyId, lettersPdfJob.name, jobId);
    return job?.status === 'queued' || job?.status === 'running';
  }, letterPdfSettings.waitMillis);
}

/** A letters job as the download shows it: still going, its file, or failed. */
export type LettersPdfState =
  | { kind: 'pending'; progress: number }
  | { kind: 'ready'; body: ReadableStream<Uint8Array>; size: number }
  | { kind: 'failed' };

/**
 * The state of the letters job `jobId` made from the draw `drawId`, with its file to send once it is
 * there; null when there is no such job of that draw.
 */
export async function lettersPdfState(
  database: Database,
  dataDir: string,
  assemblyId: string,
  drawId: string,
  jobId: string,
): Promise<LettersPdfState | null> {
  const job = await findJobOfKind(database.db, assemblyId, lettersPdfJob.name, jobId);
  if (!job || !isOfDraw(job, drawId)) return null;
  if (job.status === 'queued' || job.status === 'running')
    return { kind: 'pending', progress: job.progress?.fraction ?? 0 };
  const result = job.status === 'done' ? jobResult(lettersPdfJob, job) : null;
  const path = result ? jobFilePath(dataDir, job.id, result.file) : null;
  const size = path
    ? await stat(path).then(
        (s) => s.size,
        () => null,
      )
    : null;
  if (path === null || size === null) {
    if (job.status === 'failed') {
      const code = job.error?.code ?? 'error';
      log.error({ job: job.id, code }, 'letters PDF failed');
    }
    return { kind: 'failed' };
  }
  return { kind: 'ready', body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size };
}
