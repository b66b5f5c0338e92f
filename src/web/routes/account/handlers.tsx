/**
 * A staff member's own account: password change (forced after a reset) and two-step login. Wrong
 * passwords count with failed logins and wrong codes with wrong codes at login, so that a borrowed
 * login cannot be used to guess either.
 */
import QRCode from 'qrcode';
import {
  changePassword,
  disableOwnTotp,
  enableTotp,
  newTotpSecret,
  totpFor,
} from '../../../commands/accounts.ts';
import type { Ctx } from '../../env.ts';
import { readForm, runAction, submitForm } from '../../form.ts';
import { passwordLimiter, type RateLimiter, totpLimiter } from '../../rate-limit.ts';
import { noticeIn } from '../../validation.ts';
import { type FieldErrors, str } from '../../views/forms.tsx';
import { passwordSchema, totpCodeSchema, totpSetupSchema } from './schema.ts';
import { accountPage, passwordPage, totpSetupPage } from './views.tsx';

/** The notices this page is sent back with after a change; any other `notice` shows nothing. */
const accountNotices = ['password_changed', 'totp_enabled', 'totp_disabled'] as const;

function ownAccount(c: Ctx) {
  return c.var.auth!.account!;
}

/** Runs the attempt unless a pause holds; the seconds left of the pause (0 when it ran). */
async function unlessPaused(
  limiter: RateLimiter,
  key: string,
  attempt: () => Promise<void>,
): Promise<number> {
  const wait = await limiter.retryAfterSeconds(key);
  if (wait === 0) await attempt();
  return wait;
}

/** The answer while failed logins pause the account: when to try again, in the header and in words. */
function loginPause(c: Ctx, wait: number): string {
  c.header('Retry-After', String(wait));
  return c.var.t('errors.too_many_logins', { minutes: Math.ceil(wait / 60) });
}

function showAccountPage(c: Ctx, totpError?: string, status: 200 | 422 | 429 = 200) {
  return accountPage(
    c,
    { account: ownAccount(c), notice: noticeIn(c, 'account', accountNotices), totpError },
    status,
  );
}

export function showAccount(c: Ctx) {
  return showAccountPage(c);
}

function showPasswordPage(c: Ctx, errors: FieldErrors = {}, status: 422 | 429 = 422) {
  return passwordPage(c, { forced: ownAccount(c).must_change_password !== 0, errors }, status);
}

export function showPassword(c: Ctx) {
  return showPasswordPage(c);
}

export async function submitPassword(c: Ctx) {
  const account = ownAccount(c);
  const attempts = passwordLimiter(c);
  const attemptKey = attempts.key(account.email);
  return submitForm(c, {
    schema: passwordSchema,
    run: (form) =>
      unlessPaused(attempts.limiter, attemptKey, () =>
        changePassword(c.var.config.database, account.id, form.current, form.password, c.var.auth!.login.id),
      ),
    done: (wait) =>
      wait > 0
        ? showPasswordPage(c, { current: loginPause(c, wait) }, 429)
        : c.redirect('/account?notice=password_changed', 303),
    failed: async ({ errors, refusal }) => {
      if (refusal?.code === 'wrong_password') await attempts.limiter.hit(attemptKey);
      return showPasswordPage(c, errors);
    },
  });
}

/** The set-up page for a secret: its QR code for the phone's app, and the form to confirm it. */
async function showTotpSetupPage(c: Ctx, secret: string, errors: FieldErrors = {}, status: 422 | 429 = 422) {
  const uri = totpFor(ownAccount(c), secret).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return totpSetupPage(c, { secret, qrSvg, errors }, status);
}

export function showTotpSetup(c: Ctx) {
  return showTotpSetupPage(c, newTotpSecret());
}

export async function submitTotpSetup(c: Ctx) {
  const account = ownAccount(c);
  const values = await readForm(c);
  // Wrong passwords count with failed logins, as on the password form.
  const attempts = passwordLimiter(c);
  const attemptKey = attempts.key(account.email);
  const secret = str(values, 'secret');
  return submitForm(c, {
    schema: totpSetupSchema,
    values,
    run: (form) =>
      unlessPaused(attempts.limiter, attemptKey, () =>
        enableTotp(
          c.var.config.database,
          account.id,
          form.current,
          form.secret,
          form.code,
          c.var.auth!.login.id,
        ),
      ),
    done: (wait) =>
      wait > 0
        ? showTotpSetupPage(c, secret, { current: loginPause(c, wait) }, 429)
        : c.redirect('/account?notice=totp_enabled', 303),
    failed: async ({ errors, refusal }) => {
      // A form without a secret of its own starts again with a new one.
      if (!refusal) return showTotpSetupPage(c, newTotpSecret());
      if (refusal.code === 'wrong_password') await attempts.limiter.hit(attemptKey);
      return showTotpSetupPage(c, secret, errors);
    },
  });
}

export async function submitTotpDisable(c: Ctx) {
  const t = c.var.t;
  const { code } = totpCodeSchema.parse(await readForm(c));
  const account = ownAccount(c);
  const limiter = totpLimiter(c);
  const wait = await limiter.retryAfterSeconds(account.id);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return showAccountPage(c, t('signin.totp_too_many', { count: Math.ceil(wait / 60) }), 429);
  }
  return runAction(c, () => disableOwnTotp(c.var.config.database, account.id, code, c.var.auth!.login.id), {
    done: () => c.redirect('/account?notice=totp_disabled', 303),
    refused: async (message, error) => {
      if (error.code !== 'required') await limiter.hit(account.id);
      return showAccountPage(c, error.code === 'totp_used' ? t('account.totp_code_used') : message, 422);
    },
  });
}
