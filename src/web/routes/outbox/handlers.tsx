/**
 * The mail area's handlers: the organisers' outbox of an assembly (each message's status, retry a
 * failed one, print what must go by post), and the page where a staff member sets their password
 * through the one-time link e-mailed to them.
 */
import { passwordLinkUsable, setPasswordWithLink } from '../../../commands/accounts.ts';
import { retryMessage } from '../../../commands/outbox.ts';
import { outboxPrintState, requestOutboxPrint } from '../../../commands/outbox-print.ts';
import { waitForJob } from '../../../jobs/job-files.ts';
import { log } from '../../../log.ts';
import { emailEnabled } from '../../../mail/sender.ts';
import { outboxOverview } from '../../../queries/outbox.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm, refusalErrors, runAction } from '../../form.ts';
import { jobFileResponse, jobProgressPage } from '../../job-download.tsx';
import { appLimiter, clientAddress } from '../../rate-limit.ts';
import { fieldErrors, noticeIn } from '../../validation.ts';
import { assemblyTitle } from '../../views/assembly-frame.tsx';
import { errorPage } from '../../views/errors.tsx';
import { outboxNotices, setPasswordSchema } from './schema.ts';
import { outboxPage } from './views/outbox.tsx';
import { linkInvalidPage, passwordSetPage, setPasswordPage } from './views/set-password.tsx';

const outboxBase = (c: Ctx) => `/a/${c.var.assembly.id}/outbox`;

async function renderOutbox(c: Ctx, notice: string | null) {
  const mailOn = emailEnabled();
  const outbox = await outboxOverview(c.var.config.database, c.var.assembly.id, mailOn);
  return outboxPage(c, { outbox, mailOn, notice });
}

export function showOutbox(c: Ctx) {
  return renderOutbox(c, noticeIn(c, 'outbox', outboxNotices));
}

export function submitRetry(c: Ctx) {
  const messageId = c.req.param('messageId') ?? '';
  return runAction(
    c,
    () => retryMessage(c.var.config.database, staffActor(c), c.var.assembly.id, messageId),
    {
      done: () => c.redirect(`${outboxBase(c)}?notice=retried`, 303),
      refused: (message) => renderOutbox(c, message),
    },
  );
}

/** How long a print request waits for its PDF before showing the page that follows the job. */
export const outboxPrintSettings = { waitMillis: 10_000 };

/** The waiting letters are set into a file by a job, which marks them printed once the file is made. */
export async function submitPrint(c: Ctx) {
  const { database, dataDir } = c.var.config;
  const assemblyId = c.var.assembly.id;
  const jobId = await requestOutboxPrint(database, staffActor(c), {
    assemblyId,
    withEmails: !emailEnabled(),
    language: c.var.lang,
    title: `${c.var.t('outbox.title')} – ${assemblyTitle(c.var.assembly, c.var.lang)}`,
  });
  const working = async () =>
    (await outboxPrintState(database, dataDir, assemblyId, jobId))?.state === 'working';
  if (!(await waitForJob(working, outboxPrintSettings.waitMillis)))
    return c.redirect(`${outboxBase(c)}/print/${jobId}`, 303);
  return showPrintJob(c, jobId);
}

/** The letters of a print job once made (as often as asked); while being made, a page that follows it. */
export async function showPrintJob(c: Ctx, jobId = c.req.param('jobId') ?? '') {
  const t = c.var.t;
  const state = await outboxPrintState(c.var.config.database, c.var.config.dataDir, c.var.assembly.id, jobId);
  if (!state) return errorPage(c, 404, t('errors.not_found'));
  if (state.state === 'empty') return renderOutbox(c, t('outbox.nothing_to_print'));
  if (state.state === 'working')
    return jobProgressPage(c, 'outbox', {
      title: t('outbox.print_job.title'),
      text: t('outbox.print_job.text'),
      progressId: 'print-progress',
      fraction: state.progress,
    });
  if (state.state === 'failed') {
    log.error({ job: jobId, code: state.code }, 'printing the outbox failed');
    return errorPage(c, 500, t('outbox.print_job.failed'));
  }
  const name = `letters-${new Date().toISOString().slice(0, 10)}.pdf`;
  return jobFileResponse(c, { path: state.path, bytes: state.bytes, name, type: 'application/pdf' });
}

/** Tries of link tokens per address: a token is 256 bits, this only keeps the noise down. */
const linkLimiter = (c: Ctx) => appLimiter(c, 'password-link', 20, 15 * 60_000);

export async function showSetPassword(c: Ctx) {
  const usable = await passwordLinkUsable(c.var.config.database, c.req.param('token') ?? '');
  return usable ? setPasswordPage(c) : linkInvalidPage(c);
}

export async function submitSetPassword(c: Ctx) {
  const t = c.var.t;
  const token = c.req.param('token') ?? '';
  const limiter = linkLimiter(c);
  if (!(await limiter.hit(clientAddress(c)))) {
    c.header('Retry-After', String(await limiter.retryAfterSeconds(clientAddress(c))));
    return setPasswordPage(c, { _form: t('errors.too_many_logins', { minutes: 15 }) }, 429);
  }
  // Not submitForm: one refusal (a link used up meanwhile) shows another page, not the form again.
  const parsed = setPasswordSchema.safeParse(await readForm(c));
  if (!parsed.success) return setPasswordPage(c, fieldErrors(parsed.error, t));
  return runAction(c, () => setPasswordWithLink(c.var.config.database, token, parsed.data.password), {
    done: () => passwordSetPage(c),
    refused: (_message, error) =>
      error.code === 'password_link_invalid'
        ? linkInvalidPage(c)
        : setPasswordPage(c, refusalErrors(t, error)),
  });
}
