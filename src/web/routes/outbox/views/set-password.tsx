/** Choosing one's password through the one-time link e-mailed to a staff member. */
import type { Ctx } from '../../../env.ts';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton } from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';
import { NewPasswordFields } from '../../../views/new-password-fields.tsx';

/** The link is used, expired or never was. */
export function linkInvalidPage(c: Ctx) {
  const t = c.var.t;
  return render(
    c,
    { title: t('outbox.set_password_title') },
    <>
      <h1>{t('outbox.set_password_title')}</h1>
      <p class="warning">{t('outbox.link_invalid')}</p>
    </>,
    404,
  );
}

export function setPasswordPage(c: Ctx, errors: FieldErrors = {}, status: 200 | 422 | 429 = 200) {
  const t = c.var.t;
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

export function passwordSetPage(c: Ctx) {
  const t = c.var.t;
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
