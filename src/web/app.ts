/**
 * The web application: the request pipeline (security headers, language, login) and every route
 * module's routes behind the access rule each declares, checked before the body is read, then the
 * body within the route's allowance and its CSRF token.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { resumeLogin } from '../commands/logins.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import { can, isStaffRole, type MemberPermission, memberRoleOf, type Role } from '../domain/roles.ts';
import { chooseLanguage, translator } from '../i18n/i18n.ts';
import { startJobRunner } from '../jobs/runner.ts';
import { log } from '../log.ts';
import { findAssembly, roleIn } from '../repositories/assemblies.ts';
import { findPersonById } from '../repositories/people.ts';
import type { Ctx, WebConfig, WebEnv } from './env.ts';
import { announcesMoreThan, bufferBodyUpTo, formBodyBytes } from './request-body.ts';
import { accountRoutes } from './routes/account/routes.ts';
import { adminRoutes } from './routes/admin/routes.ts';
import { answerRoutes } from './routes/answers/routes.ts';
import { assemblyRoutes } from './routes/assemblies/routes.ts';
import { attendanceRoutes } from './routes/attendance/routes.ts';
import { authRoutes } from './routes/auth/routes.ts';
import { ballotRoutes } from './routes/ballots/routes.ts';
import { callRoutes } from './routes/calls/routes.ts';
import { drawRoutes } from './routes/draw/routes.ts';
import { evaluationRoutes } from './routes/evaluation/routes.ts';
import { evidenceRoutes } from './routes/evidence/routes.ts';
import { expensesRoutes } from './routes/expenses/routes.ts';
import { expertRoutes } from './routes/experts/routes.ts';
import { finalReportRoutes } from './routes/final-report/routes.ts';
import { importRoutes } from './routes/import/routes.ts';
import { invitationRoutes } from './routes/invitations/routes.ts';
import { memberRoutes } from './routes/member/routes.ts';
import { outboxRoutes } from './routes/outbox/routes.ts';
import { peopleRoutes } from './routes/people/routes.ts';
import { programmeRoutes } from './routes/programme/routes.ts';
import { publicPageRoutes } from './routes/public-page/routes.ts';
import { publicationRoutes } from './routes/publication/routes.ts';
import { recommendationRoutes } from './routes/recommendations/routes.ts';
import { registrationRoutes } from './routes/register/routes.ts';
import { replacementRoutes } from './routes/replacements/routes.ts';
import { reportRoutes } from './routes/report/routes.ts';
import { requestRoutes } from './routes/requests/routes.ts';
import { retentionRoutes } from './routes/retention/routes.ts';
import { selectionRoutes } from './routes/selection/routes.ts';
import { submissionRoutes } from './routes/submissions/routes.ts';
import { tablesRoutes } from './routes/tables/routes.ts';
import { targetRoutes } from './routes/targets/routes.ts';
import { voteRoutes } from './routes/votes/routes.ts';
import { assemblyTabs, type Route } from './routing.ts';
import {
  csrfSubject,
  csrfToken,
  languageCookie,
  loginCookie,
  safeEqual,
  setSecureCookie,
} from './security.ts';
import { isMultipart } from './streamed-upload.ts';
import { errorPage, loginForResume } from './views/errors.tsx';
import { formatNumber } from './views/time.ts';

export const allRoutes: Route[] = [
  ...authRoutes,
  ...accountRoutes,
  ...adminRoutes,
  ...outboxRoutes,
  ...assemblyRoutes,
  ...peopleRoutes,
  ...invitationRoutes,
  ...importRoutes,
  ...registrationRoutes,
  ...memberRoutes,
  ...targetRoutes,
  ...programmeRoutes,
  ...selectionRoutes,
  ...drawRoutes,
  ...replacementRoutes,
  ...callRoutes,
  ...reportRoutes,
  ...evidenceRoutes,
  ...expensesRoutes,
  ...expertRoutes,
  ...attendanceRoutes,
  ...requestRoutes,
  ...recommendationRoutes,
  ...voteRoutes,
  ...retentionRoutes,
  ...ballotRoutes,
  ...finalReportRoutes,
  ...submissionRoutes,
  ...tablesRoutes,
  ...evaluationRoutes,
  ...publicationRoutes,
  ...publicPageRoutes,
  ...answerRoutes,
];

const require = createRequire(import.meta.url);
const staticFiles: Record<string, { type: string; body: string | Uint8Array<ArrayBuffer> }> = {
  // Browsers ask for /favicon.ico on every page; the layout links it too.
  '/favicon.ico': {
    type: 'image/x-icon',
    body: new Uint8Array(readFileSync(new URL('./static/favicon.ico', import.meta.url))),
  },
  '/static/app.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('./static/app.css', import.meta.url), 'utf8'),
  },
  '/static/htmx.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'),
  },
};

/** How many bytes a route's body may have. */
function bodyAllowance(config: WebConfig, route: Route): number {
  if (route.body === 'stream') return route.uploadBytes ?? config.maxRegisterBytes;
  if (route.body === 'upload') return route.uploadBytes ?? config.maxUploadBytes;
  return formBodyBytes;
}

/** The 413 page: a form's limit in kilobytes, a file's in megabytes. */
function tooLarge(c: Ctx, maxBytes: number, what: 'form' | 'file'): Response | Promise<Response> {
  const t = c.var.t;
  if (what === 'form') {
    const kb = formatNumber(c, maxBytes / 1024);
    return errorPage(c, 413, t('request.form_too_large', { kb }));
  }
  const mb = formatNumber(c, maxBytes / 1e6, 3);
  return errorPage(c, 413, t('errors.too_large', { mb }));
}

/** The buffered form's fields, or null when the body is not a form that can be read. */
async function parsedForm(c: Ctx): Promise<Record<string, unknown> | null> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
}

function csrfMatches(c: Ctx, body: Record<string, unknown> | null): boolean {
  const sent = (c.req.header('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : '')).trim();
  return sent !== '' && safeEqual(sent, c.var.csrf);
}

/**
 * The text fields of a form posted without a live staff login, to carry through the login. Null
 * when nothing can be kept: an upload (never read for someone not logged in), a body over the form
 * limit, or a form that did not come from this browser.
 */
async function fieldsToResume(c: Ctx, route: Route): Promise<[string, string][] | null> {
  if (route.body) return null;
  if (!(await bufferBodyUpTo(c, formBodyBytes))) return null;
  const body = await parsedForm(c);
  if (!body || !csrfMatches(c, body)) return null;
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') fields.push([name, v]);
  }
  return fields;
}

/**
 * Admits the body of a POST whose sender may use the route: refused when it announces more than
 * the route allows; an ordinary form or upload is read up to its allowance (stopping there) and must
 * carry this browser's CSRF token. A streamed upload is left to its handler, which counts while it
 * reads and checks the token in the fields before the file (or here, when sent as a header).
 */
async function admitBody(c: Ctx, route: Route): Promise<Response | null> {
  const t = c.var.t;
  const allowance = bodyAllowance(c.var.config, route);
  if (announcesMoreThan(c.req.raw, allowance)) return tooLarge(c, allowance, route.body ? 'file' : 'form');
  if (route.body === 'stream' && isMultipart(c.req.raw)) {
    if (c.req.header('x-csrf-token') !== undefined && !csrfMatches(c, null))
      return errorPage(c, 403, t('errors.csrf'));
    return null;
  }
  // A streamed route's post without a file is an ordinary form.
  const limit = route.body === 'stream' ? formBodyBytes : allowance;
  if (!(await bufferBodyUpTo(c, limit))) return tooLarge(c, limit, route.body === 'upload' ? 'file' : 'form');
  // Parsed here even when the token came as a header: a body that cannot be read is a 400, not a 500.
  const body = await parsedForm(c);
  if (!body) return errorPage(c, 400, t('request.malformed'));
  if (!csrfMatches(c, body)) return errorPage(c, 403, t('errors.csrf'));
  return null;
}

/**
 * A person who came in through her personal link: her role follows from where she stands in her
 * assembly (confirmed members vote, volunteers only see their own data), and a path naming an
 * assembly must name hers.
 */
async function checkMemberAccess(c: Ctx, permission: MemberPermission): Promise<Response | null> {
  const t = c.var.t;
  const personId = c.var.auth?.personId;
  if (!personId) return errorPage(c, 403, t('errors.member_only'));
  const person = await findPersonById(c.var.config.database.db, personId);
  if (!person || person.erased_at || !isPersonStatus(person.status))
    return errorPage(c, 403, t('errors.member_link_invalid'));
  const assemblyId = c.req.param('assemblyId');
  if (assemblyId !== undefined && assemblyId !== person.assembly_id)
    return errorPage(c, 403, t('errors.forbidden'));
  const role = memberRoleOf(person.status);
  if (!can(role, permission)) return errorPage(c, 403, t('errors.forbidden'));
  c.set('role', role);
  c.set('member', { personId: person.id, assemblyId: person.assembly_id });
  return null;
}

async function checkAccess(c: Ctx, route: Route): Promise<Response | null> {
  const t = c.var.t;
  const auth = c.var.auth;
  if (route.access.kind === 'public') return null;
  if (route.access.kind === 'member') return checkMemberAccess(c, route.access.permission);
  const account = auth?.account;
  if (!account) return loginForResume(c, c.req.method === 'POST' ? await fieldsToResume(c, route) : null);
  if (auth.login.pending_totp) return c.redirect('/login/totp');
  if (account.must_change_password && !c.req.path.startsWith('/account/password')) {
    return c.redirect('/account/password');
  }
  if (route.access.kind === 'staff') return null;
  if (route.access.kind === 'admin')
    return account.is_admin ? null : errorPage(c, 403, t('errors.forbidden'));
  const assembly = await findAssembly(c.var.config.database.db, c.req.param('assemblyId') ?? '');
  if (!assembly) return errorPage(c, 404, t('errors.not_found'));
  let role: Role | null = null;
  if (account.is_admin) role = 'administrator';
  else {
    const held = await roleIn(c.var.config.database.db, assembly.id, account.id);
    role = held && isStaffRole(held) ? held : null;
  }
  if (!can(role, route.access.permission)) return errorPage(c, 403, t('errors.forbidden'));
  c.set('assembly', assembly);
  c.set('role', role!);
  return null;
}

/**
 * The answer to a request that failed: PostgreSQL refuses a NUL (and text its encoding cannot hold)
 * in any text value; forms refuse control characters next to the field, and this catches any value
 * that reaches the database another way (a query string, a login field) as the sender's mistake
 * rather than a failure. Anything else is a fault: logged without request data (it may hold personal
 * data), answered with the error page.
 */
function answerFailure(error: Error, c: Context<WebEnv>): Response | Promise<Response> {
  const code = (error as { code?: unknown }).code;
  if (code === '22021' || code === '22P05') {
    return errorPage(c as Ctx, 400, (c as Ctx).var.t('request.invalid_character'));
  }
  log.error(
    { method: c.req.method, route: c.req.routePath, error: error.name, stack: error.stack },
    'request failed',
  );
  return errorPage(c as Ctx, 500, (c as Ctx).var.t?.('errors.unexpected') ?? 'Unexpected error');
}

/**
 * Files every page shares are answered before the login is looked up: no cookie goes with a
 * response that shared caches may keep (it would hand one visitor's cookie to the next), and no
 * database work is done for them.
 */
function serveStaticFiles(app: Hono<WebEnv>): void {
  for (const [path, file] of Object.entries(staticFiles)) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      const { body, type } = file;
      return typeof body === 'string'
        ? c.body(body, 200, { 'Content-Type': type })
        : c.body(body, 200, { 'Content-Type': type });
    });
  }
}

export function createApp(config: WebConfig): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  // Jobs this process runs (unless LOTTA_WORKERS=0) read and write files in this app's data folder.
  startJobRunner(config.database, { dataDir: config.dataDir });
  const tabs = assemblyTabs(allRoutes);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );

  serveStaticFiles(app);

  app.use(async (c, next) => {
    c.set('config', config);
    c.set('tabs', tabs);
    const lang = chooseLanguage(
      c.req.query('lang'),
      getCookie(c, languageCookie),
      c.req.header('accept-language'),
    );
    if (c.req.query('lang') === lang && getCookie(c, languageCookie) !== lang) {
      setSecureCookie(c, languageCookie, lang, 365 * 24 * 3600);
    }
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.set('auth', await resumeLogin(config.database, getCookie(c, loginCookie)));
    c.set('csrf', csrfToken(c, csrfSubject(c)));
    await next();
  });

  // A NUL in the address (%00) would reach the database in a path or query value, and PostgreSQL
  // refuses NUL in text with an error; no link Lotta makes holds one, so such a request is refused.
  app.use(async (c, next) => {
    const url = c.req.url;
    if (/%00/i.test(url) || url.includes('\0')) return errorPage(c, 400, c.var.t('errors.nul_in_address'));
    return next();
  });

  // Who may use the route is decided before a byte of the body is read; then the body is admitted
  // within the route's allowance and checked for this browser's CSRF token.
  for (const route of allRoutes) {
    const handler = async (c: Ctx) =>
      (await checkAccess(c, route)) ??
      (route.method === 'POST' ? await admitBody(c, route) : null) ??
      route.handler(c);
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, handler);
  }

  app.notFound((c) => errorPage(c as Ctx, 404, (c as Ctx).var.t('errors.not_found')));
  app.onError(answerFailure);
  return app;
}
