/** A staff member's own account: password change (forced after a reset) and two-step login. */

import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  changePassword,
  disableTotp,
  enableTotp,
  maxPasswordLength,
  minPasswordLength,
  newTotpSecret,
  totpFor,
} from '../../commands/accounts.ts';
import { CommandError } from '../../commands/command.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { passwordLimiter } from '../rate-limit.ts';
import { type Route, staffAccess } from '../routing.ts';
import { fieldErrors, textFields } from '../validation.ts';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../views/forms.tsx';
import { render } from '../views/layout.tsx';

function accountPage(c: Ctx) {
  const t = c.var.t;
  const account = c.var.auth!.account!;
  return render(
    c,
    {
      title: t('account.title'),
      notice: c.req.query('notice') ? t(`account.notice_${c.req.query('notice')}`) : null,
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
        {account.totp_enabled ? (
          <form method="post" action="/account/totp/disable" class="inline">
            <Csrf c={c} />
            <SubmitButton label={t('account.totp_disable')} secondary />
          </form>
        ) : (
          <a class="button secondary" href="/account/totp">
            {t('account.totp_enable')}
          </a>
        )}
      </p>
    </>,
  );
}

function passwordPage(c: Ctx, errors: FieldErrors = {}, status: 422 | 429 = 422) {
  const t = c.var.t;
  const forced = c.var.auth!.account!.must_change_password === 1;
  return render(
    c,
    { title: t('account.change_password') },
    <>
      <h1>{t('account.change_password')}</h1>
      {forced ? <p class="warning">{t('account.must_change')}</p> : null}
      <form method="post" action="/account/password" class="stack narrow" novalidate>
        <Csrf c={c} />
        <ErrorSummary title={t('errors.summary')} errors={errors} />
        <TextField
          name="current"
          type="password"
          label={t('account.current_password')}
          autocomplete="current-password"
          error={errors.current}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t('account.new_password')}
          hint={t('account.password_hint', { min: minPasswordLength })}
          autocomplete="new-password"
          error={errors.password}
          required
        />
        <TextField
          name="repeat"
          type="password"
          label={t('account.repeat_password')}
          autocomplete="new-password"
          error={errors.repeat}
          required
        />
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
  // Wrong current passwords count with failed logins: a borrowed session cannot be used to guess it.
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
      c.var.auth!.session.id,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'wrong_password') await attempts.limiter.hit(attemptKey);
    return passwordPage(c, { [error.field ?? '_form']: t(`errors.${error.code}`, error.params) });
  }
  return c.redirect('/account?notice=password_changed', 303);
}

async function totpPage(c: Ctx, secret = newTotpSecret(), error?: string) {
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
        <TextField
          name="code"
          label={t('auth.totp_code')}
          hint={t('auth.totp_hint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          error={error}
          required
        />
        <SubmitButton label={t('account.totp_enable')} />
      </form>
    </>,
    error ? 422 : 200,
  );
}

async function totpSubmit(c: Ctx) {
  const form = z
    .object({
      secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
      // Anything longer than a code is a wrong code.
      code: z.string().max(20).catch(''),
    })
    .safeParse(textFields(await c.req.parseBody()));
  if (!form.success) return totpPage(c);
  try {
    await enableTotp(
      c.var.config.database,
      c.var.auth!.account!.id,
      form.data.secret,
      form.data.code,
      c.var.auth!.session.id,
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return totpPage(c, form.data.secret, c.var.t(`errors.${error.code}`));
  }
  return c.redirect('/account?notice=totp_enabled', 303);
}

async function totpDisable(c: Ctx) {
  await disableTotp(c.var.config.database, staffActor(c), c.var.auth!.account!.id, c.var.auth!.session.id);
  return c.redirect('/account?notice=totp_disabled', 303);
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/account', access: staffAccess, handler: accountPage },
  { method: 'GET', path: '/account/password', access: staffAccess, handler: (c) => passwordPage(c) },
  { method: 'POST', path: '/account/password', access: staffAccess, handler: passwordSubmit },
  { method: 'GET', path: '/account/totp', access: staffAccess, handler: (c) => totpPage(c) },
  { method: 'POST', path: '/account/totp', access: staffAccess, handler: totpSubmit },
  { method: 'POST', path: '/account/totp/disable', access: staffAccess, handler: totpDisable },
];
