/**
 * Mail pages: the organisers' outbox of an assembly (each message's status, retry a failed one, print
 * what must go by post), and the page where a staff member sets their password through the one-time
 * link e-mailed to them.
 */
import { z } from 'zod';
import { maxPasswordLength, passwordLinkUsable, setPasswordWithLink } from '../../commands/accounts.ts';
import { CommandError } from '../../commands/command.ts';
import { retryMessage } from '../../commands/outbox.ts';
import { outboxPrintState, requestOutboxPrint } from '../../commands/outbox-print.ts';
import { log } from '../../log.ts';
import { emailEnabled } from '../../mail/sender.ts';
import { listOutbox } from '../../repositories/outbox.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { jobFileResponse, jobProgressPage, waitForJob } from '../job-download.tsx';
import { appLimiter, clientAddress } from '../rate-limit.ts';
import { needs, publicAccess, type Route } from '../routing.ts';
import { fieldErrors, textFields } from '../validation.ts';
import { assemblyTitle, renderAssemblyPage } from '../views/assembly-frame.tsx';
import { errorPage } from '../views/errors.tsx';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton } from '../views/forms.tsx';
import { render } from '../views/layout.tsx';
import { NewPasswordFields } from '../views/new-password-fields.tsx';
import { formatTime } from '../views/time.ts';

const outboxBase = (c: Ctx) => `/a/${c.var.assembly.id}/outbox`;

async function outboxPage(c: Ctx, notice: string | null = null) {
  const t = c.var.t;
  const messages = await listOutbox(c.var.config.database.db, c.var.assembly.id);
  const mailOn = emailEnabled();
  const printable = messages.filter(
    (m) => m.status === 'queued' && (m.channel === 'letter' || (!mailOn && m.channel === 'email')),
  ).length;
  const base = outboxBase(c);
  return renderAssemblyPage(
    c,
    'outbox',
    t('outbox.title'),
    <>
      <p>{mailOn ? t('outbox.lead_mail_on') : t('outbox.lead_mail_off')}</p>
      <form method="post" action={`${base}/print`} class="inline">
        <Csrf c={c} />
        <p>{t('outbox.printable', { count: printable })}</p>
        {printable > 0 ? <SubmitButton label={t('outbox.print')} /> : null}
      </form>
      {messages.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('outbox.created')}</th>
                <th scope="col">{t('outbox.kind')}</th>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.address')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.last_error')}</th>
                <th scope="col">{t('team.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>{formatTime(c, m.created_at)}</td>
                  <td>{t(`outbox.template_${m.template}`)}</td>
                  <td>{t(`outbox.channel_${m.channel}`)}</td>
                  <td>{m.address ?? '–'}</td>
                  <td>{t(`outbox.status_${m.status}`)}</td>
                  <td>{m.attempts}</td>
                  <td>{m.last_error ?? '–'}</td>
                  <td>
                    {m.status === 'failed' ? (
                      <form method="post" action={`${base}/${m.id}/retry`} class="inline">
                        <Csrf c={c} />
                        <SubmitButton label={t('outbox.retry')} secondary />
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    { notice },
  );
}

async function retrySubmit(c: Ctx) {
  try {
    await retryMessage(
      c.var.config.database,
      staffActor(c),
      c.var.assembly.id,
      c.req.param('messageId') ?? '',
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return outboxPage(c, c.var.t(`errors.${error.code}`));
  }
  return c.redirect(`${outboxBase(c)}?notice=retried`, 303);
}

/** How long a print request waits for its PDF before showing the page that follows the job. */
export const outboxPrintSettings = { waitMillis: 10_000 };

/** The waiting letters are set into a file by a job, which marks them printed once the file is made. */
async function printSubmit(c: Ctx) {
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
  return printJobPage(c, jobId);
}

/** The letters of a print job once made (as often as asked); while being made, a page that follows it. */
async function printJobPage(c: Ctx, jobId = c.req.param('jobId') ?? '') {
  const t = c.var.t;
  const state = await outboxPrintState(c.var.config.database, c.var.config.dataDir, c.var.assembly.id, jobId);
  if (!state) return errorPage(c, 404, t('errors.not_found'));
  if (state.state === 'empty') return outboxPage(c, t('outbox.nothing_to_print'));
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

function setPasswordPage(
  c: Ctx,
  usable: boolean,
  errors: FieldErrors = {},
  status: 200 | 404 | 422 | 429 = 200,
) {
  const t = c.var.t;
  if (!usable)
    return render(
      c,
      { title: t('outbox.set_password_title') },
      <>
        <h1>{t('outbox.set_password_title')}</h1>
        <p class="warning">{t('outbox.link_invalid')}</p>
      </>,
      404,
    );
  return render(
    c,
    { title: t('outbox.set_password_title') },
    <>
      <h1>{t('outbox.set_password_title')}</h1>
      <form method="post" class="stack narrow" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{ password: t('account.new_password'), repeat: t('account.repeat_password') }}
        />
        <NewPasswordFields t={t} errors={errors} />
        <SubmitButton label={t('outbox.set_password')} />
      </form>
    </>,
    Object.keys(errors).length > 0 ? (status === 200 ? 422 : status) : 200,
  );
}

/** Tries of link tokens per address: a token is 256 bits, this only keeps the noise down. */
const linkLimiter = (c: Ctx) => appLimiter(c, 'password-link', 20, 15 * 60_000);

async function setPasswordGet(c: Ctx) {
  return setPasswordPage(c, await passwordLinkUsable(c.var.config.database, c.req.param('token') ?? ''));
}

async function setPasswordSubmit(c: Ctx) {
  const t = c.var.t;
  const token = c.req.param('token') ?? '';
  const limiter = linkLimiter(c);
  if (!(await limiter.hit(clientAddress(c)))) {
    c.header('Retry-After', String(await limiter.retryAfterSeconds(clientAddress(c))));
    return setPasswordPage(c, true, { _form: t('errors.too_many_logins', { minutes: 15 }) }, 429);
  }
  const parsed = z
    .object({
      password: z.string().max(maxPasswordLength, 'too_long').default(''),
      repeat: z.string().max(maxPasswordLength, 'too_long').default(''),
    })
    .safeParse(textFields(await c.req.parseBody()));
  if (!parsed.success) return setPasswordPage(c, true, fieldErrors(parsed.error, t));
  if (parsed.data.password !== parsed.data.repeat)
    return setPasswordPage(c, true, { repeat: t('errors.passwords_differ') });
  try {
    await setPasswordWithLink(c.var.config.database, token, parsed.data.password);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'password_link_invalid') return setPasswordPage(c, false);
    return setPasswordPage(c, true, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
  }
  return render(
    c,
    { title: t('outbox.set_password_title') },
    <>
      <h1>{t('outbox.set_password_title')}</h1>
      <p role="status">{t('outbox.password_set')}</p>
      <p>
        <a class="button" href="/login">
          {t('outbox.go_to_login')}
        </a>
      </p>
    </>,
  );
}

export const outboxRoutes: Route[] = [
  { method: 'GET', path: '/set-password/:token', access: publicAccess, handler: setPasswordGet },
  { method: 'POST', path: '/set-password/:token', access: publicAccess, handler: setPasswordSubmit },
  {
    method: 'GET',
    path: '/a/:assemblyId/outbox',
    tab: { key: 'outbox', phase: 'assembly' },
    access: needs('assembly:edit'),
    handler: (c) =>
      outboxPage(c, c.req.query('notice') === 'retried' ? c.var.t('outbox.notice_retried') : null),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/outbox/print',
    access: needs('assembly:edit'),
    handler: printSubmit,
  },
  {
    method: 'GET',
    path: '/a/:assemblyId/outbox/print/:jobId',
    access: needs('assembly:edit'),
    handler: (c) => printJobPage(c),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/outbox/:messageId/retry',
    access: needs('assembly:edit'),
    handler: retrySubmit,
  },
];
