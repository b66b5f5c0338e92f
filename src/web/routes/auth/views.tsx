/** The front page, the login page, its second step, and the kept form sent again after a login. */
import type { Ctx } from '../../env.ts';
import { LoginForm, ResumeForm, type ResumeState } from '../../views/errors.tsx';
import { Csrf, SubmitButton, TextField } from '../../views/forms.tsx';
import { render } from '../../views/layout.tsx';

export function homePage(c: Ctx) {
  const t = c.var.t;
  return render(
    c,
    { title: t('home.title') },
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.lead')}</p>
      <div class="cards">
        <section class="card">
          <h2>{t('home.volunteer_title')}</h2>
          <p>{t('home.volunteer_text')}</p>
          <a class="button" href="/register">
            {t('home.volunteer_action')}
          </a>
        </section>
        <section class="card">
          <h2>{t('home.staff_title')}</h2>
          <p>{t('home.staff_text')}</p>
          <a class="button secondary" href="/login">
            {t('auth.login')}
          </a>
        </section>
      </div>
    </>,
  );
}

export function loginPage(
  c: Ctx,
  props: { email?: string; error?: string; next?: string; resume?: string } = {},
  status: 200 | 422 | 429 = 200,
) {
  const t = c.var.t;
  return render(
    c,
    { title: t('auth.login') },
    <>
      <h1>{t('auth.login')}</h1>
      <LoginForm c={c} email={props.email} error={props.error} next={props.next} resume={props.resume} />
    </>,
    status,
  );
}

export function resumePage(c: Ctx, state: ResumeState) {
  const t = c.var.t;
  return render(
    c,
    { title: t('auth.resume_title') },
    <>
      <h1>{t('auth.resume_title')}</h1>
      <ResumeForm c={c} state={state} />
    </>,
  );
}

/** What the two-step page carries to after the code: the kept form, or the page asked for. */
export interface Carried {
  resume: string;
  next: string;
}

export function totpPage(c: Ctx, carried: Carried, error?: string, status: 422 | 429 = 422) {
  const t = c.var.t;
  return render(
    c,
    { title: t('auth.totp_title') },
    <>
      <h1>{t('auth.totp_title')}</h1>
      <form method="post" action="/login/totp" class="stack narrow" novalidate>
        <Csrf c={c} />
        {carried.resume ? <input type="hidden" name="resume" value={carried.resume} /> : null}
        {carried.next ? <input type="hidden" name="next" value={carried.next} /> : null}
        <TextField
          name="code"
          label={t('auth.totp_code')}
          hint={t('auth.totp_hint')}
          error={error}
          inputmode="numeric"
          autocomplete="one-time-code"
          required
        />
        <SubmitButton label={t('auth.totp_confirm')} />
      </form>
    </>,
    error ? status : 200,
  );
}
