/**
 * The mail area's handlers: the organisers' outbox of an assembly (each message's status, retry a
 * failed one, print what must go by post), and the page where a staff member sets their password
 * through the one-time link e-mailed to them.
 */
import { passwordLinkUsable, setPasswordWithLink } from '../../../commands/accounts.ts';
import { printMessages, retryMessage } from '../../../commands/outbox.ts';
import { emailEnabled } from '../../../mail/sender.ts';
import { outboxOverview } from '../../../queries/outbox.ts';
import { staffActor } from '../../actor.ts';
import type { Ctx } from '../../env.ts';
import { readForm, refusalErrors, runAction } from '../../form.ts';
import { appLimiter, clientAddress } from '../../rate-limit.ts';
import { fieldErrors, noticeIn } from '../../validation.ts';
import { assemblyTitle } from '../../views/assembly-frame.tsx';
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

export async function submitPrint(c: Ctx) {
  const printed = await printMessages(c.var.config.database, staffActor(c), c.var.assembly.id, {
    withEmails: !emailEnabled(),
    language: c.var.lang,
    title: `${c.var.t('outbox.title')} – ${assemblyTitle(c.var.assembly, c.var.lang)}`,
  });
  if (!printed) return renderOutbox(c, c.var.t('outbox.nothing_to_print'));
  return c.body(new Uint8Array(printed.pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="letters-${new Date().toISOString().slice(0, 10)}.pdf"`,
    'Cache-Control': 'no-store',
  });
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
