/**
 * Text messages. No SMS gateway is connected yet: the one adapter only writes the message to the
 * outbox (channel sms), where organisers see it and it is never sent. A real gateway is another
 * adapter behind the same interface.
 */
import type { Executor } from '../repositories/executor.ts';
import { queueMessage } from '../repositories/outbox.ts';
import type { Template } from './render.ts';

export interface SmsMessage {
  assemblyId: string | null;
  personId: string;
  phone: string;
  language: string;
  template: Template;
  parameters: Record<string, string>;
  at: string;
}

export interface SmsAdapter {
  /** Queues or sends one text message within the caller's transaction; returns the outbox id. */
  send(trx: Executor, message: SmsMessage): Promise<string>;
}

export const outboxOnlySms: SmsAdapter = {
  send: (trx, m) =>
    queueMessage(trx, {
      assemblyId: m.assemblyId,
      recipient: { kind: 'person', id: m.personId },
      channel: 'sms',
      address: m.phone,
      language: m.language,
      template: m.template,
      parameters: m.parameters,
      at: m.at,
    }),
};
