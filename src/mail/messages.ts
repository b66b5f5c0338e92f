/**
 * The messages commands queue, each inside the command's own transaction: what goes in a message's
 * parameters and in which language. Only what the text needs is stored, and it is blanked once sent.
 */
import type { Database } from '../db/connect.ts';
import { defaultLanguage, isLanguage, type Language } from '../i18n/i18n.ts';
import type { Assembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { queueOutboxMessage } from './send-job.ts';

/** The person's own language if Lotta speaks it, else the assembly's first, else Swedish. */
export function messageLanguage(
  preferred: string | null | undefined,
  assembly?: Pick<Assembly, 'languages'>,
): Language {
  if (isLanguage(preferred)) return preferred;
  const first = assembly ? assembly.languages[0] : undefined;
  return isLanguage(first) ? first : defaultLanguage;
}

export function titleIn(assembly: Pick<Assembly, 'title'>, language: Language): string {
  const title = assembly.title;
  return title[language] || Object.values(title).find(Boolean) || '';
}

/** A receipt for a volunteer who gave an e-mail address; those without one get none. */
export async function queueRegistrationReceipt(
  trx: Executor,
  database: Database,
  assembly: Assembly,
  person: {
    id: string;
    reference: string;
    email: string | null | undefined;
    preferredLanguage: string | null | undefined;
  },
  at: string,
): Promise<void> {
  if (!person.email) return;
  const language = messageLanguage(person.preferredLanguage, assembly);
  await queueOutboxMessage(trx, database, {
    assemblyId: assembly.id,
    recipient: { kind: 'person', id: person.id },
    channel: 'email',
    address: person.email,
    language,
    template: 'registration_receipt',
    parameters: {
      title: titleIn(assembly, language),
      reference: person.reference,
      coordinator: assembly.coordinator,
    },
    at,
  });
}

/**
 * Tells a member who gave an e-mail address that her request was answered or declined; the text
 * says only that, and sends her to her page, so no answer or question sits in the outbox.
 */
export async function queueRequestHandled(
  trx: Executor,
  database: Database,
  assembly: Assembly,
  person: { id: string; email: string; preferredLanguage: string | null | undefined },
  at: string,
): Promise<void> {
  const language = messageLanguage(person.preferredLanguage, assembly);
  await queueOutboxMessage(trx, database, {
    assemblyId: assembly.id,
    recipient: { kind: 'person', id: person.id },
    channel: 'email',
    address: person.email,
    language,
    template: 'request_handled',
    parameters: { title: titleIn(assembly, language), coordinator: assembly.coordinator },
    at,
  });
}
