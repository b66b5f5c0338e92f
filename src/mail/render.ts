/**
 * Turns an outbox message into its text, in the recipient's language, from the `mail` catalogue.
 * Rendering at send time keeps message bodies (names, links) out of the database.
 */
import { defaultLanguage, isLanguage, translator } from '../i18n/i18n.ts';
import { messageParameters, type OutboxMessage } from '../repositories/outbox.ts';

export const templates = [
  'registration_receipt',
  'personal_link',
  'account_set_password',
  'call_back_reminder',
  'request_handled',
  'session_changed',
  'answer_published',
  'implementation_update',
  'answer_reminder',
] as const;
export type Template = (typeof templates)[number];

export interface RenderedMessage {
  subject: string;
  body: string;
}

export function renderMessage(
  message: Pick<OutboxMessage, 'language' | 'template' | 'parameters'>,
): RenderedMessage {
  const t = translator(isLanguage(message.language) ? message.language : defaultLanguage);
  const params = messageParameters(message);
  return {
    subject: t(`mail.${message.template}_subject`, params),
    body: t(`mail.${message.template}_body`, params),
  };
}
