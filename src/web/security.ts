/**
 * Cookies, CSRF tokens and the registration form's timing token. A CSRF token is an HMAC of the
 * browser's login token (or, before login, of an anonymous cookie), so it needs no storage and
 * changes when the login does.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getCookie, setCookie } from 'hono/cookie';
import { hasControlCharacters } from '../domain/field-limits.ts';
import type { Ctx } from './env.ts';

// The cookie keeps its old name: renaming it would log everyone out on upgrade.
export const loginCookie = 'lotta_session';
export const anonymousCookie = 'lotta_anon';
export const languageCookie = 'lotta_lang';

export function sign(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSecureCookie(c: Ctx, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.secureCookies,
    path: '/',
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  });
}

/** The value the CSRF token is bound to: the login token, else an anonymous id set on first visit. */
export function csrfSubject(c: Ctx): string {
  const login = getCookie(c, loginCookie);
  if (login) return `s:${login}`;
  let anon = getCookie(c, anonymousCookie);
  if (!anon) {
    anon = randomBytes(18).toString('base64url');
    setSecureCookie(c, anonymousCookie, anon);
  }
  return `a:${anon}`;
}

export function csrfToken(c: Ctx, subject = csrfSubject(c)): string {
  return sign(c.var.config.secret, 'csrf', subject);
}

/**
 * A token stating when the form was shown; a submission sooner than a person can type is a bot.
 * Signed, so it cannot be back-dated.
 */
export function formTimeToken(secret: string, at = Date.now()): string {
  return `${at}.${sign(secret, 'form-time', String(at))}`;
}

export function formAgeMillis(secret: string, token: string | undefined, at = Date.now()): number | null {
  const [time, mac] = (token ?? '').split('.');
  if (!time || !mac || !safeEqual(mac, sign(secret, 'form-time', time))) return null;
  return at - Number(time);
}

/**
 * True for a path within Lotta (`/…`). Browsers read a backslash as a slash and drop tabs and line
 * breaks from an address, so `/\evil.example` or `/<tab>/evil.example` would lead to another site
 * just as `//evil.example` does: those are refused too.
 */
export function isLocalPath(path: string): boolean {
  if (!path.startsWith('/') || path.includes('\\') || hasControlCharacters(path)) return false;
  try {
    const base = 'http://lotta.invalid';
    return new URL(path, base).origin === base;
  } catch {
    return false;
  }
}
