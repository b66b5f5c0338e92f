/**
 * The printed programme for every confirmed member without an e-mail address, as a job: each
 * member's programme (in her language, with her check-in code) is set into one PDF under
 * `<dataDir>/jobs/<job id>/programmes.pdf`, with progress per member; the organisers print and post
 * it. Running again is safe: the file is written under a temporary name and renamed at the end.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { type Language, languages, translator } from '../i18n/i18n.ts';
import { type FileJobState, fileJobState } from '../jobs/job-files.ts';
import { type JobKind, jobResult } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { programmePdf } from '../letters/programme-pdf.ts';
import { printedProgrammesWithoutEmail } from '../queries/member-programme.ts';
import { findActiveJobOfKind } from '../repositories/jobs.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';

export const programmePrintFile = 'programmes.pdf';

export interface ProgrammePrintInput {
  assemblyId: string;
  /** The language of the document's own title; each member's programme is in hers. */
  language: Language;
  /** The site's address the check-in codes carry. */
  base: string;
}

export interface ProgrammePrintResult {
  /** Null when every confirmed member has an e-mail address. */
  file: string | null;
  count: number;
}

const inputSchema: z.ZodType<ProgrammePrintInput> = z.object({
  assemblyId: z.string(),
  language: z.enum(languages),
  base: z.string(),
});

const resultSchema: z.ZodType<ProgrammePrintResult> = z.object({
  file: z.string().nullable(),
  count: z.number(),
});

export const programmePrintJob: JobKind<ProgrammePrintInput, ProgrammePrintResult> = {
  name: 'programme-print',
  maxAttempts: 2,
  inputSchema,
  resultSchema,
  async handle(ctx) {
    const { assemblyId, language, base } = ctx.input;
    ctx.reportProgress(0, 'programmes');
    const programmes = await printedProgrammesWithoutEmail(ctx.database.db, assemblyId, base, (done, total) =>
      // Reading the members is most of the work; setting the PDF is the last tenth.
      ctx.reportProgress((0.9 * done) / Math.max(total, 1), 'programmes'),
    );
    if (programmes.length === 0) return { file: null, count: 0 };
    const pdf = await programmePdf(programmes, {
      language,
      title: translator(language)('printed_programme.file_title'),
    });
    const dir = join(ctx.dataDir, 'jobs', ctx.jobId);
    await mkdir(dir, { recursive: true });
    const part = join(dir, `${programmePrintFile}.part`);
    await writeFile(part, pdf);
    await rename(part, join(dir, programmePrintFile));
    return { file: programmePrintFile, count: programmes.length };
  },
};

/**
 * Asks for the printed programmes of the members without e-mail: the job already making them, or a
 * new one queued with its audit event. Returns the job's id.
 */
export async function requestProgrammePrint(
  database: Database,
  actor: Actor,
  input: ProgrammePrintInput,
): Promise<string> {
  const going = await findActiveJobOfKind(database.db, input.assemblyId, programmePrintJob.name);
  if (going) return going.id;
  const id = await inTransaction(database, async (trx, audit) => {
    const jobId = await enqueueJob(trx, database, programmePrintJob, {
      assemblyId: input.assemblyId,
      input,
      at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: input.assemblyId,
      action: 'programme.print',
      subjectType: 'job',
      subjectId: jobId,
      details: { language: input.language },
    });
    return jobId;
  });
  wakeJobRunner(database);
  return id;
}

export type ProgrammePrintState = FileJobState;

/** Where a job printing members' programmes stands, for the page that follows it; undefined when there is no such job. */
export function programmePrintState(
  database: Database,
  dataDir: string,
  assemblyId: string,
  jobId: string,
): Promise<ProgrammePrintState | undefined> {
  return fileJobState(
    database,
    dataDir,
    { assemblyId, kind: programmePrintJob.name, jobId },
    (job) => jobResult(programmePrintJob, job)?.file ?? null,
  );
}
