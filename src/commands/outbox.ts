/**
 * What organisers do with an assembly's outbox: try a failed message again, and print the messages
 * that must go by post (letters, and e-mails while no SMTP server is configured) as one PDF, marking
 * them printed in the same transaction, so a message is printed once.
 */
import type { Database } from '../db/connect.ts';
import { defaultLanguage, isLanguage, type Language } from '../i18n/i18n.ts';
import { outboxLettersPdf, type PrintedMessage } from '../letters/outbox-pdf.ts';
import { renderMessage } from '../mail/render.ts';
import { queueMailSending } from '../mail/send-job.ts';
import { type Channel, listPrintable, markPrinted, requeueFailed } from '../repositories/outbox.ts';
import { findContact } from '../repositories/people.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The most messages printed at once: a print run stays a file a browser and printer handle. */
export const maxPrintedAtOnce = 500;

export async function retryMessage(
  database: Database,
  actor: Actor,
  assemblyId: string,
  messageId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    if (!(await requeueFailed(trx, assemblyId, messageId, at))) throw new CommandError('not_found');
    await queueMailSending(trx, database, at);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'outbox.retry',
      subjectType: 'message',
      subjectId: messageId,
    });
  });
}

/**
 * The PDF of the messages waiting to be printed, or null when there are none. `withEmails` includes
 * queued e-mails (used when e-mail is off, so they are not stuck).
 */
export async function printMessages(
  database: Database,
  actor: Actor,
  assemblyId: string,
  options: { withEmails: boolean; language: Language; title: string },
): Promise<{ pdf: Buffer; count: number } | null> {
  return inTransaction(database, async (trx, audit) => {
    const channels: Channel[] = options.withEmails ? ['letter', 'email'] : ['letter'];
    const messages = (await listPrintable(trx, assemblyId, channels)).slice(0, maxPrintedAtOnce);
    if (messages.length === 0) return null;
    const printed: PrintedMessage[] = [];
    for (const m of messages) {
      const contact = m.recipient_kind === 'person' ? await findContact(trx, m.recipient_id) : undefined;
      const { subject, body } = renderMessage(m);
      printed.push({
        language: isLanguage(m.language) ? m.language : defaultLanguage,
        addressLines: contact
          ? [
              contact.full_name,
              contact.address,
              [contact.postcode, contact.city].filter(Boolean).join(' '),
            ].filter((line): line is string => Boolean(line))
          : [],
        subject,
        body,
      });
    }
    // Written before marking, so a failure leaves the messages queued.
    const pdf = await outboxLettersPdf(printed, { language: options.language, title: options.title });
    await markPrinted(
      trx,
      messages.map((m) => m.id),
      now(),
    );
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'outbox.print',
      details: { count: messages.length },
    });
    return { pdf, count: messages.length };
  });
}
