/** Logging in (with the optional second step), logging out, and the front page. */
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { maxEmailLength, maxPasswordLength } from '../../commands/accounts.ts';
import { CommandError } from '../../commands/command.ts';
import { confirmTotp, idleMinutes, logIn, logOut } from '../../commands/logins.ts';
import type { Ctx } from '../env.ts';
import { passwordLimiter, totpLimiter } from '../rate-limit.ts';
import { publicAccess, type Route } from '../routing.ts';
import { csrfToken, isLocalPath, loginCookie, setSecureCookie } from '../security.ts';
import { textFields } from '../validation.ts';
import {
  decodeResume as decodeAnyResume,
  LoginForm,
  ResumeForm,
  type ResumeState,
} from '../views/errors.tsx';
import { Csrf, SubmitButton, TextField } from '../views/forms.tsx';
import { render } from '../views/layout.tsx';

const loginSchema = z.object({
  email: z.string().trim().default(''),
  password: z.string().default(''),
  // A path within Lotta and the form kept through the login: bounded by the form limit.
  next: z.string().optional().catch(undefined),
  _resume: z.string().optional().catch(undefined),
});

/** The form kept through a login, when it goes back to a path of Lotta. */
function decodeResume(value: string | undefined): ResumeState | null {
  const state = decodeAnyResume(value);
  return state && isLocalPath(state.path) ? state : null;
}

/** Only local paths: a crafted link must not send someone to another site after login. */
function safeNext(next: string | undefined): string {
  return next !== undefined && isLocalPath(next) ? next : '/assemblies';
}

function home(c: Ctx) {
  const t = c.var.t;
  if (c.var.auth?.account) return c.redirect('/assemblies');
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

function loginPage(c: Ctx) {
  const t = c.var.t;
  return render(
    c,
    { title: t('auth.login') },
    <>
      <h1>{t('auth.login')}</h1>
      <LoginForm c={c} next={c.req.query('next')} />
    </>,
  );
}

async function loginSubmit(c: Ctx) {
  const t = c.var.t;
  const form = loginSchema.parse(textFields(await c.req.parseBody()));
  const refuse = (error: string, status: 422 | 429) =>
    render(
      c,
      { title: t('auth.login') },
      <>
        <h1>{t('auth.login')}</h1>
        <LoginForm
          c={c}
          email={form.email.slice(0, maxEmailLength)}
          error={error}
          next={form.next}
          resume={form._resume}
        />
      </>,
      status,
    );
  // No account has an address or password this long: say so rather than look it up.
  if (form.email.length > maxEmailLength)
    return refuse(t('signin.email_too_long', { max: maxEmailLength }), 422);
  if (form.password.length > maxPasswordLength)
    return refuse(t('signin.password_too_long', { max: maxPasswordLength }), 422);
  const attempts = passwordLimiter(c);
  const attemptKey = attempts.key(form.email);
  const wait = await attempts.limiter.retryAfterSeconds(attemptKey);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return refuse(t('errors.too_many_logins', { minutes: Math.ceil(wait / 60) }), 429);
  }
  try {
    const { token, pendingTotp } = await logIn(c.var.config.database, form.email, form.password);
    setSecureCookie(c, loginCookie, token, idleMinutes * 60 * 24 * 7);
    // The login token changed, and with it the CSRF token of any page rendered from here on.
    c.set('csrf', csrfToken(c, `s:${token}`));
    const resume = decodeResume(form._resume);
    if (pendingTotp) {
      // Where the person was going, or the form they were sending, waits for the code.
      const carried = new URLSearchParams();
      if (resume) carried.set('resume', form._resume!);
      else if (form.next && isLocalPath(form.next)) carried.set('next', form.next);
      const query = carried.toString();
      return c.redirect(`/login/totp${query ? `?${query}` : ''}`, 303);
    }
    if (resume) return resumePage(c, form._resume!);
    return c.redirect(safeNext(form.next), 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    await attempts.limiter.hit(attemptKey);
    return refuse(t(`errors.${error.code}`), 422);
  }
}

function resumePage(c: Ctx, encoded: string) {
  const t = c.var.t;
  const state = decodeResume(encoded);
  if (!state) return c.redirect('/assemblies', 303);
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
interface Carried {
  resume: string;
  next: string;
}

function totpPage(c: Ctx, carried: Carried, error?: string, status: 422 | 429 = 422) {
  const t = c.var.t;
  if (!c.var.auth?.account) return c.redirect('/login');
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

async function totpSubmit(c: Ctx) {
  const t = c.var.t;
  const body = z
    .object({
      code: z.string().max(20).catch(''),
      // Bounded by the form limit, like the login form's.
      resume: z.string().catch(''),
      next: z.string().catch(''),
    })
    .parse(textFields(await c.req.parseBody()));
  const carried: Carried = { resume: body.resume, next: body.next };
  const account = c.var.auth?.account;
  if (!account) return c.redirect('/login', 303);
  const wait = await totpLimiter(c).retryAfterSeconds(account.id);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return totpPage(c, carried, t('signin.totp_too_many', { count: Math.ceil(wait / 60) }), 429);
  }
  try {
    await confirmTotp(c.var.config.database, getCookie(c, loginCookie) ?? '', body.code);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.code === 'login_expired') return c.redirect('/login', 303);
    await totpLimiter(c).hit(account.id);
    return totpPage(
      c,
      carried,
      error.code === 'totp_used' ? t('signin.totp_used') : t(`errors.${error.code}`),
    );
  }
  if (body.resume) return resumePage(c, body.resume);
  return c.redirect(safeNext(body.next || undefined), 303);
}

async function logoutSubmit(c: Ctx) {
  await logOut(c.var.config.database, getCookie(c, loginCookie));
  deleteCookie(c, loginCookie, { path: '/' });
  return c.redirect('/', 303);
}

export const authRoutes: Route[] = [
  { method: 'GET', path: '/', access: publicAccess, handler: home },
  { method: 'GET', path: '/login', access: publicAccess, handler: loginPage },
  { method: 'POST', path: '/login', access: publicAccess, handler: loginSubmit },
  {
    method: 'GET',
    path: '/login/totp',
    access: publicAccess,
    handler: (c) => totpPage(c, { resume: c.req.query('resume') ?? '', next: c.req.query('next') ?? '' }),
  },
  { method: 'POST', path: '/login/totp', access: publicAccess, handler: totpSubmit },
  { method: 'POST', path: '/logout', access: publicAccess, handler: logoutSubmit },
];
