/**
 * The representativeness report of the final panel: a page with charts and tables, and the same
 * numbers as CSV and as a PDF for publication, each in the language asked for with ?language= (see
 * schema.ts). Only counts and shares appear: no names, contacts or references. The PDF is made by a
 * job into a file; the request waits a little for it, then a page follows the job.
 */
import { reportPdfState, requestReportPdf } from '../../../commands/report-pdfs.ts';
import { type Language, translator } from '../../../i18n/i18n.ts';
import { waitForJob } from '../../../jobs/job-files.ts';
import { log } from '../../../log.ts';
import { readReport } from '../../../queries/report.ts';
import { reportCsv } from '../../../report/csv.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { jobFileResponse, jobProgressPage } from '../../job-download.tsx';
import { siteBase } from '../../mail-delivery.ts';
import { renderAssemblyPage } from '../../views/assembly-frame.tsx';
import { errorPage } from '../../views/errors.tsx';
import { downloadQuery } from './schema.ts';
import { ReportPage } from './views.tsx';

const reportBase = (c: Ctx) => `/a/${c.var.assembly.id}/report`;

/**
 * What the report is read with: the language asked for, and the site's public address for the draws'
 * links (the PDF is published, so they must lead to the site, not to whatever address was asked).
 */
function reportOptions(c: Ctx, language: Language) {
  return { language, origin: siteBase(c) };
}

/** The language of a download: ?language=, else the page's. */
function downloadLanguage(c: Ctx): Language {
  return downloadQuery.parse(c.req.query()).language ?? c.var.lang;
}

function fileName(c: Ctx, language: Language, extension: string): string {
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return `representativeness-${slug}-${language}.${extension}`;
}

export async function reportPage(c: Ctx) {
  const { report, facts } = await readReport(
    c.var.config.database.db,
    c.var.assembly,
    reportOptions(c, c.var.lang),
  );
  return renderAssemblyPage(
    c,
    'report',
    c.var.t('report.title'),
    <ReportPage c={c} report={report} facts={facts} base={reportBase(c)} />,
  );
}

export async function csvDownload(c: Ctx) {
  const language = downloadLanguage(c);
  const { report } = await readReport(c.var.config.database.db, c.var.assembly, reportOptions(c, language));
  return c.body(reportCsv(report, language, translator(language)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName(c, language, 'csv')}"`,
    'Cache-Control': 'no-store',
  });
}

/** How long a download request waits for its PDF before showing the page that follows the job. */
export const reportPdfSettings = { waitMillis: 10_000 };

/** The PDF is made by a job into a file; an unchanged report reuses the file made before. */
export async function pdfDownload(c: Ctx) {
  const language = downloadLanguage(c);
  const { database, dataDir } = c.var.config;
  const assembly = c.var.assembly;
  const jobId = await requestReportPdf(database, staffActor(c), dataDir, {
    assembly,
    ...reportOptions(c, language),
  });
  const working = async () =>
    (await reportPdfState(database, dataDir, assembly.id, jobId))?.state === 'working';
  if (!(await waitForJob(working, reportPdfSettings.waitMillis)))
    return c.redirect(`${reportBase(c)}/pdf/${jobId}?language=${language}`, 303);
  return pdfJobAnswer(c, jobId);
}

/** The page that follows a report PDF job (`/report/pdf/:jobId`). */
export function pdfJobPage(c: Ctx) {
  return pdfJobAnswer(c, c.req.param('jobId') ?? '');
}

/** The finished PDF of a report job; while it is being made, a page that follows it; its failure, explained. */
async function pdfJobAnswer(c: Ctx, jobId: string) {
  const t = c.var.t;
  const state = await reportPdfState(c.var.config.database, c.var.config.dataDir, c.var.assembly.id, jobId);
  if (!state) return errorPage(c, 404, t('errors.not_found'));
  if (state.state === 'working') {
    return jobProgressPage(c, 'report', {
      title: t('report.pdf_job.title'),
      text: t('report.pdf_job.text'),
      progressId: 'report-progress',
      fraction: state.progress,
    });
  }
  // A report always has its file: a job done without one failed.
  if (state.state !== 'ready') {
    log.error({ job: jobId, code: state.state === 'failed' ? state.code : 'no_file' }, 'report PDF failed');
    return errorPage(c, 500, t('report.pdf_job.failed'));
  }
  const name = fileName(c, downloadLanguage(c), 'pdf');
  return jobFileResponse(c, { path: state.path, bytes: state.bytes, name, type: 'application/pdf' });
}
