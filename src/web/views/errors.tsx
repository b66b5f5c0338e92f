/**
 * Error pages, and the login page that appears when a login has ended in the middle of filling in a
 * form: it carries what was typed through the login, so nothing is lost.
 */
import type { Ctx } from '../env.ts';
import { Csrf, SubmitButton, TextField } from './forms.tsx';
import { render } from './layout.tsx';

export function errorPage(c: Ctx, status: 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500, message: string) {
  const t = c.var.t;
  return render(
    c,
    { title: t(`errors.title_${status}`) },
    <>
      <h1>{t(`errors.title_${status}`)}</h1>
      <p class="error-message" role="alert">
        {message}
      </p>
      <p>
        <a href={c.var.auth?.account ? '/assemblies' : '/'}>{t('errors.home')}</a>
      </p>
    </>,
    status,
  );
}

export interface ResumeState {
  path: string;
  fields: [string, string][];
}

export function encodeResume(state: ResumeState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeResume(value: string | undefined): ResumeState | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as ResumeState;
    // Only paths inside Lotta: a crafted value must not send the browser elsewhere.
    if (typeof parsed.path !== 'string' || !parsed.path.startsWith('/') || parsed.path.startsWith('//'))
      return null;
    if (!Array.isArray(parsed.fields)) return null;
    return {
      path: parsed.path,
      fields: parsed.fields
        .filter((f) => Array.isArray(f) && f.length === 2)
        .map((f) => [String(f[0]), String(f[1])]),
    };
  } catch {
    return null;
  }
}

export function LoginForm(props: { c: Ctx; email?: string; error?: string; next?: string; resume?: string }) {
  const t = props.c.var.t;
  return (
    <form method="post" action="/login" class="stack narrow" novalidate>
      <Csrf c={props.c} />
      {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
      {props.resume ? <input type="hidden" name="_resume" value={props.resume} /> : null}
      {props.error ? (
        <p class="error-message" role="alert" id="login-error">
          {props.error}
        </p>
      ) : null}
      <TextField
        name="email"
        label={t('auth.email')}
        type="email"
        value={props.email}
        autocomplete="username"
        required
      />
      <TextField
        name="password"
        label={t('auth.password')}
        type="password"
        autocomplete="current-password"
        required
      />
      <SubmitButton label={t('auth.login')} />
    </form>
  );
}

/**
 * Where a request without a valid staff login goes: the login page, keeping a form's text fields
 * (read by the pipeline, within the form limit; null when nothing can be kept, such as an upload).
 */
export function loginForResume(c: Ctx, fields: [string, string][] | null = null) {
  const t = c.var.t;
  if (c.req.method === 'GET') {
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`);
  }
  const resume = fields ? encodeResume({ path: c.req.path, fields }) : undefined;
  return render(
    c,
    { title: t('auth.login_ended_title') },
    <>
      <h1>{t('auth.login_ended_title')}</h1>
      <p role="status">{t('auth.login_ended_text')}</p>
      <LoginForm c={c} resume={resume} />
    </>,
    403,
  );
}

/** After logging in again: the kept form, ready to send with a fresh token. */
export function ResumeForm(props: { c: Ctx; state: ResumeState }) {
  const t = props.c.var.t;
  return (
    <form method="post" action={props.state.path} class="stack">
      <Csrf c={props.c} />
      {props.state.fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <p>{t('auth.resume_text')}</p>
      <SubmitButton label={t('auth.resume_send')} />
    </form>
  );
}
