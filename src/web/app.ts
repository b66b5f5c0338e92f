/**
 * The web application: the request pipeline (security headers, body limit, language, session, CSRF)
 * and every route module's routes behind the access rule each declares.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { resumeSession } from '../commands/sessions.ts';
import { can, isStaffRole, type Role } from '../domain/roles.ts';
import { chooseLanguage, translator } from '../i18n/i18n.ts';
import { log } from '../log.ts';
import { findAssembly, roleIn } from '../repositories/assemblies.ts';
import type { Ctx, WebConfig, WebEnv } from './env.ts';
import { accountRoutes } from './routes/account.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { assemblyRoutes } from './routes/assemblies.tsx';
import { authRoutes } from './routes/auth.tsx';
import { callRoutes } from './routes/calls.tsx';
import { drawRoutes } from './routes/draw.tsx';
import { importRoutes } from './routes/import.tsx';
import { invitationDrawRoutes } from './routes/invitation-draws.tsx';
import { invitationRoutes } from './routes/invitations.tsx';
import { memberRoutes } from './routes/member.tsx';
import { peopleRoutes } from './routes/people.tsx';
import { registrationRoutes } from './routes/register.tsx';
import { replacementRoutes } from './routes/replacements.tsx';
import { reportRoutes } from './routes/report.tsx';
import { selectionRoutes } from './routes/selection.tsx';
import { targetRoutes } from './routes/targets.tsx';
import type { Route } from './routing.ts';
import {
  csrfSubject,
  csrfToken,
  languageCookie,
  safeEqual,
  sessionCookie,
  setSecureCookie,
} from './security.ts';
import { errorPage, loginForResume } from './views/errors.tsx';

export const allRoutes: Route[] = [
  ...authRoutes,
  ...accountRoutes,
  ...adminRoutes,
  ...assemblyRoutes,
  ...peopleRoutes,
  ...invitationRoutes,
  ...invitationDrawRoutes,
  ...importRoutes,
  ...registrationRoutes,
  ...memberRoutes,
  ...targetRoutes,
  ...selectionRoutes,
  ...drawRoutes,
  ...replacementRoutes,
  ...callRoutes,
  ...reportRoutes,
];

const require = createRequire(import.meta.url);
const staticFiles: Record<string, { type: string; body: string }> = {
  '/static/app.css': {
    type: 'text/css; charset=utf-8',
    body: readFileSync(new URL('./static/app.css', import.meta.url), 'utf8'),
  },
  '/static/htmx.min.js': {
    type: 'text/javascript; charset=utf-8',
    body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8'),
  },
};

async function checkAccess(c: Ctx, route: Route): Promise<Response | null> {
  const t = c.var.t;
  const auth = c.var.auth;
  if (route.access.kind === 'public') return null;
  if (route.access.kind === 'member') {
    if (auth?.personId) return null;
    return errorPage(c, 403, t('errors.member_only'));
  }
  const account = auth?.account;
  if (!account) return loginForResume(c);
  if (auth.session.pending_totp) return c.redirect('/login/totp');
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

export function createApp(config: WebConfig): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

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

  app.use(async (c, next) => {
    c.set('config', config);
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
    c.set('auth', await resumeSession(config.database, getCookie(c, sessionCookie)));
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

  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorPage(
          c as Ctx,
          413,
          (c as Ctx).var.t('errors.too_large', {
            mb: new Intl.NumberFormat((c as Ctx).var.lang, { maximumFractionDigits: 3 }).format(
              maxSize / 1e6,
            ),
          }),
        ),
    });

  // Routes that stream their body (register extracts) come before the general limit and the CSRF
  // check below, which would read the whole body into memory; they check the token themselves.
  for (const route of allRoutes.filter((r) => r.streamsBody)) {
    app.post(
      route.path,
      limitTo(config.maxRegisterBytes),
      async (c) => (await checkAccess(c, route)) ?? route.handler(c),
    );
  }

  app.use(limitTo(config.maxUploadBytes));

  // Every state-changing request must carry the token of this browser's session.
  app.use(async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.parseBody({ all: true });
    const sent = (c.req.header('x-csrf-token') ?? (typeof body._csrf === 'string' ? body._csrf : '')).trim();
    if (!sent || !safeEqual(sent, c.var.csrf)) return errorPage(c, 403, c.var.t('errors.csrf'));
    return next();
  });

  for (const [path, file] of Object.entries(staticFiles)) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(file.body, 200, { 'Content-Type': file.type });
    });
  }

  for (const route of allRoutes.filter((r) => !r.streamsBody)) {
    const handler = async (c: Ctx) => (await checkAccess(c, route)) ?? route.handler(c);
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, handler);
  }

  app.notFound((c) => errorPage(c as Ctx, 404, (c as Ctx).var.t('errors.not_found')));
  app.onError((error, c) => {
    // No request data in the log line: it may hold personal data.
    log.error(
      { method: c.req.method, route: c.req.routePath, error: error.name, stack: error.stack },
      'request failed',
    );
    return errorPage(c as Ctx, 500, (c as Ctx).var.t?.('errors.unexpected') ?? 'Unexpected error');
  });
  return app;
}
