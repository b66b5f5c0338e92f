/**
 * The final report's handlers: each reads the address or the form, calls one query or command, and
 * renders, redirects or sends the file. A version of another assembly is not found.
 */
import {
  cancelFinalReport,
  finalReportJobState,
  requestFinalReport,
  saveLogo,
} from '../../../commands/final-reports.ts';
import { waitForJob } from '../../../jobs/job-files.ts';
import { log } from '../../../log.ts';
import { finalReportDownload, finalReportPage, logoDownload } from '../../../queries/final-report.ts';
import { staffActor } from '../../actor.ts';
import { keptFileAttachment } from '../../attachment.ts';
import type { Ctx } from '../../env.ts';
import { submitFileForm } from '../../file-form.ts';
import { type FormFailure, runAction } from '../../form.ts';
import { siteBase } from '../../mail-delivery.ts';
import { noticeIn } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import { logoForm } from './logo-form.ts';
import { downloadParams, finalReportNotices, logoSchema, versionParams } from './schema.ts';
import { finalReportPageView } from './views/page.tsx';
import { jobProgressView } from './views/progress.tsx';

const noFailure: FormFailure = { values: {}, errors: {} };

function base(c: Ctx): string {
  return `/a/${c.var.assembly.id}/final-report`;
}

function notFound(c: Ctx) {
  return errorPage(c, 404, c.var.t('errors.not_found'));
}

async function showPage(c: Ctx, number: number | undefined, logoFailure: FormFailure, status?: 422) {
  const page = await finalReportPage(c.var.config.database.db, c.var.assembly.id, number);
  if (!page) return notFound(c);
  return finalReportPageView(c, page, {
    notice: noticeIn(c, 'final_report', finalReportNotices),
    logoFailure,
    status,
  });
}

export function showLatest(c: Ctx) {
  return showPage(c, undefined, noFailure);
}

export function showVersion(c: Ctx) {
  const params = versionParams.safeParse(c.req.param());
  return params.success ? showPage(c, params.data.number, noFailure) : notFound(c);
}

/** A version's PDF in one language, streamed from the data folder as an attachment. */
export async function pdfDownload(c: Ctx) {
  const params = downloadParams.safeParse(c.req.param());
  if (!params.success) return notFound(c);
  const { number, language } = params.data;
  const { database, dataDir } = c.var.config;
  const file = await finalReportDownload(database.db, dataDir, c.var.assembly.id, number, language);
  if (!file) return notFound(c);
  const slug = c.var.assembly.slug.replace(/[^A-Za-z0-9-]/g, '-');
  return keptFileAttachment(c, {
    ...file,
    name: `final-report-${slug}-v${number}-${language}.pdf`,
    type: 'application/pdf',
  });
}

/** How long the request waits for a new version before showing the page that follows its job. */
export const finalReportSettings = { waitMillis: 10_000 };

export async function generateSubmit(c: Ctx) {
  const { database } = c.var.config;
  const assemblyId = c.var.assembly.id;
  const jobId = await requestFinalReport(database, staffActor(c), {
    assemblyId,
    // The draws' addresses are printed: the site's public address, as links that leave it carry.
    origin: siteBase(c),
  });
  const working = async () => (await finalReportJobState(database, assemblyId, jobId))?.state === 'working';
  await waitForJob(working, finalReportSettings.waitMillis);
  return jobAnswer(c, jobId);
}

/** The page that follows a final report job (`/final-report/jobs/:jobId`). */
export function jobPage(c: Ctx) {
  return jobAnswer(c, c.req.param('jobId') ?? '');
}

/** The new version once made; while it is being made, a page that follows it; its failure, explained. */
async function jobAnswer(c: Ctx, jobId: string) {
  const t = c.var.t;
  const state = await finalReportJobState(c.var.config.database, c.var.assembly.id, jobId);
  if (!state) return notFound(c);
  if (state.state === 'working') {
    if (c.req.method === 'POST') return c.redirect(`${base(c)}/jobs/${jobId}`, 303);
    return jobProgressView(c, { fraction: state.progress, cancel: `${base(c)}/jobs/${jobId}/cancel` });
  }
  if (state.state === 'cancelled') return c.redirect(`${base(c)}?notice=cancelled`, 303);
  if (state.state === 'failed') {
    log.error({ job: jobId, code: state.code }, 'final report failed');
    return errorPage(c, 500, t('final_report.job_failed'));
  }
  return c.redirect(`${base(c)}/versions/${state.number}?notice=generated`, 303);
}

export function cancelSubmit(c: Ctx) {
  const jobId = c.req.param('jobId') ?? '';
  return runAction(
    c,
    () => cancelFinalReport(c.var.config.database, staffActor(c), c.var.assembly.id, jobId),
    {
      done: () => c.redirect(`${base(c)}/jobs/${jobId}`, 303),
      refused: () => notFound(c),
    },
  );
}

export function logoSubmit(c: Ctx) {
  const { database, dataDir } = c.var.config;
  return submitFileForm(c, logoForm, {
    schema: logoSchema,
    run: ({ description }, file) =>
      saveLogo(database, dataDir, staffActor(c), c.var.assembly.id, { description, file }),
    done: () => c.redirect(`${base(c)}?notice=logo_saved`, 303),
    failed: (failure) => showPage(c, undefined, failure, 422),
  });
}

/** The logo as the page's image shows it (sent as an attachment, its type read from its bytes). */
export async function logoImage(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const file = await logoDownload(database.db, dataDir, c.var.assembly.id);
  if (!file) return notFound(c);
  return keptFileAttachment(c, { ...file, name: 'logo' });
}
