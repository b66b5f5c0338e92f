/** A staff member's own account: what it is, choosing a new password, and setting up two-step login. */
import { raw } from 'hono/html';
import type { Account } from '../../../db/schema.ts';
import type { Ctx } from '../../env.ts';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../../views/forms.tsx';
import { render } from '../../views/layout.tsx';
import { NewPasswordFields } from '../../views/new-password-fields.tsx';

type OwnAccount = Pick<Account, 'display_name' | 'email' | 'totp_enabled'>;

export function accountPage(
  c: Ctx,
  props: { account: OwnAccount; notice: string | null; totpError?: string },
  status: 200 | 422 | 429 = 200,
) {
  const t = c.var.t;
  const { account } = props;
  return render(
    c,
    { title: t('account.title'), notice: props.notice },
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
      {account.totp_enabled ? <TotpDisableForm c={c} error={props.totpError} /> : null}
    </>,
    status,
  );
}

function TotpDisableForm(props: { c: Ctx; error?: string }) {
  const t = props.c.var.t;
  return (
    <form method="post" action="/account/totp/disable" class="stack narrow" novalidate>
      <Csrf c={props.c} />
      <TextField
        name="code"
        label={t('auth.totp_code')}
        hint={t('account.totp_disable_hint')}
        inputmode="numeric"
        autocomplete="one-time-code"
        error={props.error}
      />
      <SubmitButton label={t('account.totp_disable')} secondary />
    </form>
  );
}

export function passwordPage(
  c: Ctx,
  props: { forced: boolean; errors?: FieldErrors },
  status: 422 | 429 = 422,
) {
  const t = c.var.t;
  const errors = props.errors ?? {};
  return render(
    c,
    { title: t('account.change_password') },
    <>
      <h1>{t('account.change_password')}</h1>
      {props.forced ? <p class="warning">{t('account.must_change')}</p> : null}
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

export function totpSetupPage(
  c: Ctx,
  props: { secret: string; qrSvg: string; errors?: FieldErrors },
  status: 422 | 429 = 422,
) {
  const t = c.var.t;
  const errors = props.errors ?? {};
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
          {raw(props.qrSvg)}
        </div>
        <figcaption>
          {t('account.totp_manual')} <code class="secret">{props.secret}</code>
        </figcaption>
      </figure>
      <TotpSetupForm c={c} secret={props.secret} errors={errors} />
    </>,
    Object.keys(errors).length > 0 ? status : 200,
  );
}

function TotpSetupForm(props: { c: Ctx; secret: string; errors: FieldErrors }) {
  const t = props.c.var.t;
  const { errors } = props;
  return (
    <form method="post" action="/account/totp" class="stack narrow" novalidate>
      <Csrf c={props.c} />
      <input type="hidden" name="secret" value={props.secret} />
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
  );
}
