/**
 * The representativeness report's PDF as a job, like letter PDFs: the organiser's request gathers the
 * report (counts and shares only) and queues a job that sets it into `<dataDir>/jobs/<job id>/report.pdf`;
 * the file is then downloaded. A dropped connection or a restart loses nothing, and asking again for
 * an unchanged report (same numbers, same language) is handed the finished file.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { type Language, languages, translator } from '../i18n/i18n.ts';
import { type FileJobState, fileJobState, reusableFileJob } from '../jobs/job-files.ts';
import type { JobKind } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { type ReportOptions, readReport } from '../queries/report.ts';
import type { ReportFacts } from '../report/format.ts';
import { renderReportPdf } from '../report/pdf.ts';
import type { RepresentativenessReport } from '../report/representativeness.ts';
import { reportFactsSchema, reportSchema } from '../report/schema.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';

export interface ReportPdfJobInput {
  assemblyId: string;
  language: Language;
  report: RepresentativenessReport;
  facts: ReportFacts;
}

export interface ReportPdfResult {
  file: string;
  bytes: number;
}

export const reportPdfFile = 'report.pdf';

const inputSchema: z.ZodType<ReportPdfJobInput> = z.object({
  assemblyId: z.string(),
  language: z.enum(languages),
  report: reportSchema,
  facts: reportFactsSchema,
});

const resultSchema: z.ZodType<ReportPdfResult> = z.object({ file: z.string(), bytes: z.number() });

export const reportPdfJob: JobKind<ReportPdfJobInput, ReportPdfResult> = {
  name: 'report-pdf',
  // Written under a temporary name and renamed at the end: running again is safe.
  maxAttempts: 2,
  inputSchema,
  resultSchema,
  async handle(ctx) {
    const { report, facts, language } = ctx.input;
    ctx.reportProgress(0, 'report');
    const pdf = await renderReportPdf(report, facts, language, translator(language));
    const dir = join(ctx.dataDir, 'jobs', ctx.jobId);
    await mkdir(dir, { recursive: true });
    const part = join(dir, `${reportPdfFile}.part`);
    await writeFile(part, pdf);
    await rename(part, join(dir, reportPdfFile));
    return { file: reportPdfFile, bytes: pdf.length };
  },
  // The numbers are in the file; the row keeps only what says which report it was.
  keptInput: (input) => ({ assemblyId: input.assemblyId, language: input.language }),
};

/** Same numbers, same language: the same file (when it was made does not count). */
function reportKey(input: ReportPdfJobInput): string {
  const { generatedAt: _, ...facts } = input.facts;
  return createHash('sha256')
    .update(JSON.stringify({ language: input.language, report: input.report, facts }))
    .digest('hex');
}

/**
 * Asks for the report as a PDF in `language`: the report is read now, and the job making or having
 * made the same file is handed out, or a new one queued with its audit event. Returns the job's id.
 */
export async function requestReportPdf(
  database: Database,
  actor: Actor,
  dataDir: string,
  request: { assembly: Assembly } & ReportOptions,
): Promise<string> {
  const { report, facts } = await readReport(database.db, request.assembly, request);
  const input: ReportPdfJobInput = {
    assemblyId: request.assembly.id,
    language: request.language,
    report,
    facts,
  };
  const key = reportKey(input);
  const earlier = await reusableFileJob(
    database,
    dataDir,
    { assemblyId: input.assemblyId, kind: reportPdfJob.name, key },
    () => reportPdfFile,
  );
  if (earlier) return earlier;
  const id = await inTransaction(database, async (trx, audit) => {
    const jobId = await enqueueJob(trx, database, reportPdfJob, {
      assemblyId: input.assemblyId,
      input,
      at: now(),
      dedupeKey: key,
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: input.assemblyId,
      action: 'report.pdf',
      subjectType: 'job',
      subjectId: jobId,
      details: { language: input.language },
    });
    return jobId;
  });
  wakeJobRunner(database);
  return id;
}

export type ReportPdfState = FileJobState;

/** Where a report PDF job stands, for the page that follows it; undefined when there is no such job. */
export function reportPdfState(
  database: Database,
  dataDir: string,
  assemblyId: string,
  jobId: string,
): Promise<ReportPdfState | undefined> {
  return fileJobState(database, dataDir, { assemblyId, kind: reportPdfJob.name, jobId }, () => reportPdfFile);
}
