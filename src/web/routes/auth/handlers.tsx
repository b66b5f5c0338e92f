/**
 * Logging in (with the optional second step), logging out, and the front page. Failed passwords and
 * codes count against the login pauses (`rate-limit.ts`), checked before the command is asked.
 */
import { deleteCookie, getCookie } from 'hono/cookie';
import { maxEmailLength, maxPasswordLength } from '../../../commands/accounts.ts';
import { confirmTotp, idleMinutes, logIn, logOut } from '../../../commands/logins.ts';
import type { Ctx } from '../../env.ts';
import { readForm, runAction } from '../../form.ts';
import { passwordLimiter, totpLimiter } from '../../rate-limit.ts';
import { csrfToken, isLocalPath, loginCookie, setSecureCookie } from '../../security.ts';
import { decodeResume as decodeAnyResume, type ResumeState } from '../../views/errors.tsx';
import { type LoginFields, loginSchema, totpSchema } from './schema.ts';
import { type Carried, homePage, loginPage, resumePage, totpPage } from './views.tsx';

/** The form kept through a login, when it goes back to a path of Lotta. */
function decodeResume(value: string | undefined): ResumeState | null {
  const state = decodeAnyResume(value);
  return state && isLocalPath(state.path) ? state : null;
}

/** Only local paths: a crafted link must not send someone to another site after login. */
function safeNext(next: string | undefined): string {
  return next !== undefined && isLocalPath(next) ? next : '/assemblies';
}

export function home(c: Ctx) {
  if (c.var.auth?.account) return c.redirect('/assemblies');
  return homePage(c);
}

export function showLogin(c: Ctx) {
  return loginPage(c, { next: c.req.query('next') });
}

export async function submitLogin(c: Ctx) {
  const t = c.var.t;
  const form = loginSchema.parse(await readForm(c));
  const refuse = (error: string, status: 422 | 429) =>
    loginPage(
      c,
      { email: form.email.slice(0, maxEmailLength), error, next: form.next, resume: form._resume },
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
  return runAction(c, () => logIn(c.var.config.database, form.email, form.password), {
    done: ({ token, pendingTotp }) => loggedIn(c, form, token, pendingTotp),
    refused: async (message) => {
      await attempts.limiter.hit(attemptKey);
      return refuse(message, 422);
    },
  });
}

/** After the password: the second step, the kept form, or the page asked for. */
function loggedIn(c: Ctx, form: LoginFields, token: string, pendingTotp: boolean) {
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
  if (resume) return resumePage(c, resume);
  return c.redirect(safeNext(form.next), 303);
}

/** The kept form, ready to send again; without one, the assemblies. */
function showResume(c: Ctx, encoded: string) {
  const state = decodeResume(encoded);
  return state ? resumePage(c, state) : c.redirect('/assemblies', 303);
}

export function showTotp(c: Ctx) {
  if (!c.var.auth?.account) return c.redirect('/login');
  return totpPage(c, { resume: c.req.query('resume') ?? '', next: c.req.query('next') ?? '' });
}

export async function submitTotp(c: Ctx) {
  const t = c.var.t;
  const body = totpSchema.parse(await readForm(c));
  const carried: Carried = { resume: body.resume, next: body.next };
  const account = c.var.auth?.account;
  if (!account) return c.redirect('/login', 303);
  const limiter = totpLimiter(c);
  const wait = await limiter.retryAfterSeconds(account.id);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return totpPage(c, carried, t('signin.totp_too_many', { count: Math.ceil(wait / 60) }), 429);
  }
  return runAction(c, () => confirmTotp(c.var.config.database, getCookie(c, loginCookie) ?? '', body.code), {
    done: () =>
      body.resume ? showResume(c, body.resume) : c.redirect(safeNext(body.next || undefined), 303),
    refused: async (message, error) => {
      if (error.code === 'login_expired') return c.redirect('/login', 303);
      await limiter.hit(account.id);
      return totpPage(c, carried, error.code === 'totp_used' ? t('signin.totp_used') : message);
    },
  });
}

export async function submitLogout(c: Ctx) {
  await logOut(c.var.config.database, getCookie(c, loginCookie));
  deleteCookie(c, loginCookie, { path: '/' });
  return c.redirect('/', 303);
}
