/**
 * Delivers the outbox's due e-mails through SMTP (nodemailer); the send-mail job (send-job.ts) calls
 * it whenever e-mail is due. Each message is claimed before it is
 * sent, so two senders never send it twice; a failed attempt is retried with exponential backoff and
 * given up on after `maxAttempts`, keeping the SMTP reply (never the address or body) as the reason.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/connect.ts';
import { log } from '../log.ts';
import { claimDueEmails, markAttemptFailed, markSent } from '../repositories/outbox.ts';
import { renderMessage } from './render.ts';

/** What the sender needs from a transport: nodemailer's sendMail. */
export interface MailTransport {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface MailSettings {
  /** e.g. smtp://user:pass@smtp.example.org:587 or smtps://…; unset means e-mail is off. */
  smtpUrl: string | undefined;
  /** The sender address, e.g. "Lotta <lotta@example.org>". */
  from: string;
  /** The first retry's delay (then doubled each time); `backoffBaseMs` unless set (tests shorten it). */
  retryBaseMs?: number;
}

export const defaultFrom = 'Lotta <lotta@localhost>';
export const maxAttempts = 5;
/** First retry after a minute, then 2, 4, 8 … minutes. */
export const backoffBaseMs = 60_000;
/** How long a claim lasts: a sender that dies mid-send leaves the message to be picked up again. */
const claimMs = 5 * 60_000;

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  return { smtpUrl, from: env.LOTTA_MAIL_FROM?.trim() || defaultFrom };
}

/** Whether e-mail can go out: without it, messages wait in the outbox to be printed. */
export function emailEnabled(settings: MailSettings = mailSettingsFromEnv()): boolean {
  return settings.smtpUrl !== undefined;
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/** The delay before attempt number `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return retryDelayMs(attempts, backoffBaseMs);
}

/** The same from another first delay (settings may shorten it). */
function retryDelayMs(attempts: number, base: number): number {
  return base * 2 ** Math.max(0, attempts - 1);
}

export interface SendResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends up to `batch` due e-mails; returns what came of them. */
export async function sendDueMessages(options: {
  db: Database;
  transport: MailTransport;
  from: string;
  now?: () => Date;
  batch?: number;
  retryBaseMs?: number;
}): Promise<SendResult> {
  const clock = options.now ?? (() => new Date());
  const start = clock();
  const claimed = await claimDueEmails(
    options.db.db,
    start.toISOString(),
    new Date(start.getTime() + claimMs).toISOString(),
    options.batch ?? 50,
  );
  const result: SendResult = { sent: 0, retried: 0, failed: 0 };
  for (const message of claimed) {
    const { subject, body } = renderMessage(message);
    try {
      if (!message.address) throw new Error('no address');
      await options.transport.sendMail({ from: options.from, to: message.address, subject, text: body });
      await markSent(options.db.db, message.id, clock().toISOString());
      result.sent++;
    } catch (error) {
      const reason = smtpReason(error);
      const at = clock();
      const retryAt =
        message.attempts < maxAttempts
          ? new Date(
              at.getTime() + retryDelayMs(message.attempts, options.retryBaseMs ?? backoffBaseMs),
            ).toISOString()
          : null;
      await markAttemptFailed(options.db.db, message.id, reason, retryAt, at.toISOString());
      if (retryAt) result.retried++;
      else result.failed++;
      log.warn(
        { message: message.id, attempts: message.attempts, reason, gaveUp: !retryAt },
        'e-mail not sent',
      );
    }
  }
  return result;
}

/**
 * The reason kept with a failed message: the SMTP response code and nodemailer's error code, never
 * the server's full reply, which may echo the recipient's address.
 */
export function smtpReason(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; command?: string };
  const parts = [
    e?.code ? String(e.code) : null,
    e?.command ? String(e.command) : null,
    e?.responseCode ? String(e.responseCode) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'send failed';
}
