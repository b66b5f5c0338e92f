/** A staff member's own account: password change (forced after a reset) and two-step login. */

import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  changePassword,
  disableOwnTotp,
  enableTotp,
  maxPasswordLength,
  newTotpSecret,
  totpFor,
} from '../../commands/accounts.ts';
import { CommandError } from '../../commands/command.ts';
import type { Ctx } from '../env.ts';
import { passwordLimiter, totpLimiter } from '../rate-limit.ts';
import { type Route, staffAccess } from '../routing.ts';
import { fieldErrors, noticeIn, textFields } from '../validation.ts';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../views/forms.tsx';
import { render } from '../views/layout.tsx';
import { NewPasswordFields } from '../views/new-password-fields.tsx';

/** The notices this page is sent back with after a change; any other `notice` shows nothing. */
const accountNotices = ['password_changed', 'totp_enabled', 'totp_disabled'] as const;

function accountPage(c: Ctx, totpError?: string, status: 200 | 422 | 429 = 200) {
  const t = c.var.t;
  const account = c.var.auth!.account!;
  return render(
    c,
    {
      title: t('account.title'),
      notice: noticeIn(c, 'account', accountNotices),
    },
    <>
      <h1>{t('account.title')}</h1>
      <dl class="facts">
        <dt>{t('account.name')}</dt>
        <dd>{account.display_name}</dd>
        <dt>{t('auth.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{t('account.totp')}</dt>
        <dd>{account.totp_enabled ? t('account.totp_on') : t('account.totp_off')}</dd>
      </dl>
      <p class="actions">
        <a class="button secondary" href="/account/password">
          {t('account.change_password')}
        </a>
        {account.totp_enabled ? null : (
          <a class="button secondary" href="/account/totp">
            {t('account.totp_enable')}
          </a>
        )}
      </p>
      {account.totp_enabled ? (
        <form method="post" action="/account/totp/disable" class="stack narrow" novalidate>
          <Csrf c={c} />
          <TextField
            name="code"
            label={t('auth.totp_code')}
            hint={t('account.totp_disable_hint')}
            inputmode="numeric"
            autocomplete="one-time-code"
            error={totpError}
          />
          <SubmitButton label={t('account.totp_disable')} secondary />
        </form>
      ) : null}
    </>,
    status,
  );
}

function passwordPage(c: Ctx, errors: FieldErrors = {}, status: 422 | 429 = 422) {
  const t = c.var.t;
  const forced = c.var.auth!.account!.must_change_password !== 0;
  return render(
    c,
    { title: t('account.change_password') },
    <>
      <h1>{t('account.change_password')}</h1>
      {forced ? <p class="warning">{t('account.must_change')}</p> : null}
      <form method="post" action="/account/password" class="stack narrow" novalidate>
        <Csrf c={c} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{
            current: t('account.current_password'),
            password: t('account.new_password'),
            repeat: t('account.repeat_password'),
          }}
        />
        <TextField
          name="current"
          type="password"
          label={t('account.current_password')}
          autocomplete="current-password"
          error={errors.current}
          required
        />
        <NewPasswordFields t={t} errors={errors} />
        <SubmitButton label={t('account.change_password')} />
      </form>
    </>,
    Object.keys(errors).length > 0 ? status : 200,
  );
}

async function passwordSubmit(c: Ctx) {
  const t = c.var.t;
  const parsed = z
    .object({
      current: z.string().max(maxPasswordLength, 'too_long').default(''),
      password: z.string().max(maxPasswordLength, 'too_long').default(''),
      repeat: z.string().max(maxPasswordLength, 'too_long').default(''),
    })
    .safeParse(textFields(await c.req.parseBody()));
  if (!parsed.success) return passwordPage(c, fieldErrors(parsed.error, t));
  const form = parsed.data;
  if (form.password !== form.repeat) return passwordPage(c, { repeat: t('errors.passwords_differ') });
  // Wrong current passwords count with failed logins: a borrowed login cannot be used to guess it.
  const attempts = passwordLimiter(c);
  const attemptKey = attempts.key(c.var.auth!.account!.email);
  const wait = await attempts.limiter.retryAfterSeconds(attemptKey);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return passwordPage(c, { current: t('errors.too_many_logins', { minutes: Math.ceil(wait / 60) }) }, 429);
  }
  try {
    await changePassword(
      c.var.config.database,
      c.var.auth!.account!.id,
      form.current,
      form.password,
      c.var.auth!.login.id,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'wrong_password') await attempts.limiter.hit(attemptKey);
    return passwordPage(c, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
  }
  return c.redirect('/account?notice=password_changed', 303);
}

async function totpPage(c: Ctx, secret = newTotpSecret(), errors: FieldErrors = {}, status: 422 | 429 = 422) {
  const t = c.var.t;
  const account = c.var.auth!.account!;
  const uri = totpFor(account, secret).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return render(
    c,
    { title: t('account.totp_enable') },
    <>
      <h1>{t('account.totp_enable')}</h1>
      <ol>
        <li>{t('account.totp_step1')}</li>
        <li>{t('account.totp_step2')}</li>
        <li>{t('account.totp_step3')}</li>
      </ol>
      <figure class="qr">
        <div role="img" aria-label={t('account.totp_qr_alt')}>
          {raw(svg)}
        </div>
        <figcaption>
          {t('account.totp_manual')} <code class="secret">{secret}</code>
        </figcaption>
      </figure>
      <form method="post" action="/account/totp" class="stack narrow" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="secret" value={secret} />
        <ErrorSummary
          title={t('errors.summary')}
          errors={errors}
          labels={{ current: t('account.current_password'), code: t('auth.totp_code') }}
        />
        <TextField
          name="current"
          type="password"
          label={t('account.current_password')}
          autocomplete="current-password"
          error={errors.current}
          required
        />
        <TextField
          name="code"
          label={t('auth.totp_code')}
          hint={t('auth.totp_hint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          error={errors.code}
          required
        />
        <SubmitButton label={t('account.totp_enable')} />
      </form>
    </>,
    Object.keys(errors).length > 0 ? status : 200,
  );
}

async function totpSubmit(c: Ctx) {
  const t = c.var.t;
  const form = z
    .object({
      secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
      // Anything longer than a code is a wrong code.
      code: z.string().max(20).catch(''),
      current: z.string().max(maxPasswordLength).catch(''),
    })
    .safeParse(textFields(await c.req.parseBody()));
  if (!form.success) return totpPage(c);
  const { secret, code, current } = form.data;
  // Wrong passwords count with failed logins, as on the password form.
  const attempts = passwordLimiter(c);
  const attemptKey = attempts.key(c.var.auth!.account!.email);
  const wait = await attempts.limiter.retryAfterSeconds(attemptKey);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return totpPage(
      c,
      secret,
      { current: t('errors.too_many_logins', { minutes: Math.ceil(wait / 60) }) },
      429,
    );
  }
  if (!current) return totpPage(c, secret, { current: t('errors.required') });
  try {
    await enableTotp(
      c.var.config.database,
      c.var.auth!.account!.id,
      current,
      secret,
      code,
      c.var.auth!.login.id,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'wrong_password') await attempts.limiter.hit(attemptKey);
    return totpPage(c, secret, { [error.field ?? 'code']: t(`errors.${error.code}`) });
  }
  return c.redirect('/account?notice=totp_enabled', 303);
}

async function totpDisable(c: Ctx) {
  const t = c.var.t;
  const { code } = z
    .object({ code: z.string().max(20).catch('') })
    .parse(textFields(await c.req.parseBody()));
  const account = c.var.auth!.account!;
  // Wrong codes count with wrong codes at login, so a borrowed login cannot guess its way through.
  const limiter = totpLimiter(c);
  const wait = await limiter.retryAfterSeconds(account.id);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return accountPage(c, t('signin.totp_too_many', { count: Math.ceil(wait / 60) }), 429);
  }
  if (!code.trim()) return accountPage(c, t('errors.required'), 422);
  try {
    await disableOwnTotp(c.var.config.database, account.id, code, c.var.auth!.login.id);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    await limiter.hit(account.id);
    return accountPage(
      c,
      t(error.code === 'totp_used' ? 'account.totp_code_used' : `errors.${error.code}`),
      422,
    );
  }
  return c.redirect('/account?notice=totp_disabled', 303);
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/account', access: staffAccess, handler: (c) => accountPage(c) },
  { method: 'GET', path: '/account/password', access: staffAccess, handler: (c) => passwordPage(c) },
  { method: 'POST', path: '/account/password', access: staffAccess, handler: passwordSubmit },
  { method: 'GET', path: '/account/totp', access: staffAccess, handler: (c) => totpPage(c) },
  { method: 'POST', path: '/account/totp', access: staffAccess, handler: totpSubmit },
  { method: 'POST', path: '/account/totp/disable', access: staffAccess, handler: totpDisable },
];
