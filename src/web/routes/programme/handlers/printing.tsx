/**
 * The printed programme from the staff side: one member's (from her page on the people list, for
 * whoever may see her name), and everyone's without e-mail at once, as a job the page follows.
 */
import { programmePrintState, requestProgrammePrint } from '../../../../commands/programme-print.ts';
import { translator } from '../../../../i18n/i18n.ts';
import { waitForJob } from '../../../../jobs/job-files.ts';
import { programmePdf } from '../../../../letters/programme-pdf.ts';
import { log } from '../../../../log.ts';
import { printedProgramme } from '../../../../queries/member-programme.ts';
import { staffActor } from '../../../actor.ts';
import { attachment } from '../../../attachment.ts';
import type { Ctx } from '../../../env.ts';
import { jobFileResponse, jobProgressPage } from '../../../job-download.tsx';
import { siteBase } from '../../../mail-delivery.ts';
import { errorPage } from '../../../views/errors.tsx';

const baseOf = (c: Ctx) => `/a/${c.var.assembly.id}/programme`;

/** How long a print request waits for its PDF before showing the page that follows the job. */
export const programmePrintSettings = { waitMillis: 5_000 };

/** One confirmed member's programme to print; 404 for anyone else (not confirmed, erased, elsewhere). */
export async function memberProgrammePdf(c: Ctx) {
  const person = { personId: c.req.param('personId') ?? '', assemblyId: c.var.assembly.id };
  const programme = await printedProgramme(c.var.config.database.db, person, siteBase(c));
  if (!programme) return errorPage(c, 404, c.var.t('errors.not_found'));
  const title = translator(programme.language)('printed_programme.file_title');
  const bytes = await programmePdf([programme], { language: programme.language, title });
  return attachment(c, { name: 'programme.pdf', type: 'application/pdf', bytes });
}

/** Everyone's without e-mail: a job; the request waits a little, then follows it. */
export async function submitProgrammePrint(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const assemblyId = c.var.assembly.id;
  const jobId = await requestProgrammePrint(database, staffActor(c), {
    assemblyId,
    language: c.var.lang,
    base: siteBase(c),
  });
  const working = async () =>
    (await programmePrintState(database, dataDir, assemblyId, jobId))?.state === 'working';
  await waitForJob(working, programmePrintSettings.waitMillis);
  return c.redirect(`${baseOf(c)}/printed/${jobId}`, 303);
}

/** The programmes of a print job once made; while being made, a page that follows it. */
export async function showProgrammePrint(c: Ctx) {
  const t = c.var.t;
  const jobId = c.req.param('jobId') ?? '';
  const state = await programmePrintState(
    c.var.config.database,
    c.var.config.dataDir,
    c.var.assembly.id,
    jobId,
  );
  if (!state) return errorPage(c, 404, t('errors.not_found'));
  if (state.state === 'empty') return c.redirect(`${baseOf(c)}?notice=nothing_to_print`, 303);
  if (state.state === 'working')
    return jobProgressPage(c, 'programme', {
      title: t('printed_programme.file_title'),
      text: t('printed_programme.job_working'),
      progressId: 'programme-print-progress',
      fraction: state.progress,
    });
  if (state.state === 'failed') {
    log.error({ job: jobId, code: state.code }, 'printing the programme failed');
    return errorPage(c, 500, t('printed_programme.job_failed'));
  }
  const name = `programmes-${new Date().toISOString().slice(0, 10)}.pdf`;
  return jobFileResponse(c, { path: state.path, bytes: state.bytes, name, type: 'application/pdf' });
}
