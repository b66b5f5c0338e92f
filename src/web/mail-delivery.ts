/**
 * Whether a message can go by e-mail now (an SMTP server is configured) and the site's address for
 * the links it carries. Read per request, so configuring SMTP_URL takes effect at the next start.
 */
import { emailEnabled } from '../mail/sender.ts';
import type { Ctx } from './env.ts';

/** The site's address for links that leave it (e-mails, printed QR codes): LOTTA_PUBLIC_URL, else the request's origin. */
export function siteBase(c: Ctx): string {
  return process.env.LOTTA_PUBLIC_URL?.trim().replace(/\/+$/, '') || new URL(c.req.url).origin;
}

/** The base for links in e-mails when e-mail is on; undefined when it is off. */
export function mailLinkBase(c: Ctx): string | undefined {
  if (!emailEnabled()) return undefined;
  return siteBase(c);
}
