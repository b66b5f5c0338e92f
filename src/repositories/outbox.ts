/**
 * The outbox: messages waiting to be sent or printed, and what became of them. Rows are written inside
 * the transaction of the change that causes them, so a message exists exactly when its change does.
 * Claiming is a conditional update, so two senders (two processes on one PostgreSQL) never both send
 * the same message.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { OutboxMessagesTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import { readStoredJson } from './stored-json.ts';

export type OutboxMessage = Selectable<OutboxMessagesTable>;

const parametersSchema = z.record(z.string(), z.string());

/**
 * What fills a message's text (a name, a link), decoded; empty once the message has ended. Rows keep
 * the stored text so that a page listing hundreds of messages decodes none it does not render.
 */
export function messageParameters(message: Pick<OutboxMessage, 'parameters'>): Record<string, string> {
  return readStoredJson(parametersSchema, message.parameters, 'message parameters');
}
export type Channel = 'email' | 'letter' | 'sms';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'printed';

export interface NewMessage {
  assemblyId: string | null;
  recipient: { kind: 'account' | 'person'; id: string };
  channel: Channel;
  address: string | null;
  language: string;
  template: string;
  parameters: Record<string, string>;
  /** When it may first be sent (a call-back reminder is due later); now when omitted. */
  notBefore?: string;
  at: string;
}

/** Queues one message; call it with the transaction of the change that causes the message. */
export async function queueMessage(trx: Executor, m: NewMessage): Promise<string> {
  const id = crypto.randomUUID();
  await trx
    .insertInto('outbox_messages')
    .values({
      id,
      assembly_id: m.assemblyId,
      recipient_kind: m.recipient.kind,
      recipient_id: m.recipient.id,
      channel: m.channel,
      address: m.address,
      language: m.language,
      template: m.template,
      parameters: JSON.stringify(m.parameters),
      status: 'queued',
      attempts: 0,
      next_attempt_at: m.notBefore ?? m.at,
      claimed_until: null,
      last_error: null,
      created_at: m.at,
      updated_at: m.at,
      sent_at: null,
    })
    .execute();
  return id;
}

/**
 * Claims up to `limit` due e-mails for sending: queued ones whose time has come, and ones left
 * 'sending' by a sender that died (its claim lapsed). Each row is taken by an update that only
 * succeeds if the row is still as it was read, so a concurrent sender's claim wins cleanly.
 */
export async function claimDueEmails(
  db: Executor,
  at: string,
  claimUntil: string,
  limit: number,
): Promise<OutboxMessage[]> {
  const candidates = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('channel', '=', 'email')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', at)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxMessage[] = [];
  for (const c of candidates) {
    const result = await db
      .updateTable('outbox_messages')
      .set({ status: 'sending', claimed_until: claimUntil, attempts: c.attempts + 1, updated_at: at })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .where('attempts', '=', c.attempts)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1)
      claimed.push({ ...c, status: 'sending', claimed_until: claimUntil, attempts: c.attempts + 1 });
  }
  return claimed;
}

/** Sent: the parameters (which may hold a link or a name) are no longer needed. */
export async function markSent(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      status: 'sent',
      sent_at: at,
      updated_at: at,
      claimed_until: null,
      parameters: '{}',
      last_error: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** A failed attempt: tried again at `retryAt`, or given up on (status failed) when retryAt is null. */
export async function markAttemptFailed(
  db: Executor,
  id: string,
  error: string,
  retryAt: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      status: retryAt ? 'queued' : 'failed',
      next_attempt_at: retryAt ?? at,
      claimed_until: null,
      last_error: error,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** An organiser asks for a failed message to be tried again, from a fresh count of attempts. */
export async function requeueFailed(
  db: Executor,
  assemblyId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ status: 'queued', attempts: 0, next_attempt_at: at, updated_at: at })
    .where('id', '=', id)
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'failed')
    // A message whose address was blanked (erasure, retention) has nowhere to go.
    .where('address', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Messages to print: letters, and e-mails that cannot go out because no SMTP server is configured. */
export async function listPrintable(
  db: Executor,
  assemblyId: string,
  channels: readonly Channel[],
): Promise<OutboxMessage[]> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'queued')
    .where('channel', 'in', channels)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Marks the messages printed (those still queued); returns how many were. */
export async function markPrinted(db: Executor, ids: readonly string[], at: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('outbox_messages')
    .set({ status: 'printed', sent_at: at, updated_at: at, parameters: '{}' })
    .where('id', 'in', ids)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An assembly's messages, newest first, for the organisers' outbox page. */
export async function listOutbox(db: Executor, assemblyId: string, limit = 500): Promise<OutboxMessage[]> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function listMessagesTo(
  db: Executor,
  kind: 'account' | 'person',
  id: string,
): Promise<OutboxMessage[]> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('recipient_kind', '=', kind)
    .where('recipient_id', '=', id)
    .orderBy('created_at')
    .execute();
}

/** Cancels a person's messages of one kind still waiting (a newer one replaces them). */
export async function cancelQueuedMessages(
  db: Executor,
  personId: string,
  template: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status: 'cancelled', parameters: '{}', updated_at: at })
    .where('recipient_kind', '=', 'person')
    .where('recipient_id', '=', personId)
    .where('template', '=', template)
    .where('status', 'in', ['queued', 'failed'])
    .execute();
}

/**
 * Erasure: the person's messages lose their address and parameters; those not yet sent are cancelled,
 * since there is nobody left to send them to. The rows stay so the outbox still counts them.
 */
export async function blankMessagesTo(db: Executor, personId: string, at: string): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status: 'cancelled', updated_at: at, claimed_until: null })
    .where('recipient_kind', '=', 'person')
    .where('recipient_id', '=', personId)
    .where('status', 'in', ['queued', 'failed'])
    .execute();
  await db
    .updateTable('outbox_messages')
    .set({ address: null, parameters: '{}' })
    .where('recipient_kind', '=', 'person')
    .where('recipient_id', '=', personId)
    .execute();
}

/**
 * When the sender next has e-mail to look at: the earliest retry or first attempt of a queued e-mail,
 * or the end of a claim held by a sender that may have died. Undefined when no e-mail is waiting.
 */
export async function nextEmailDue(db: Executor): Promise<string | undefined> {
  const queued = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('channel', '=', 'email')
    .where('status', '=', 'queued')
    .executeTakeFirst();
  const claimed = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.min('claimed_until').as('at'))
    .where('channel', '=', 'email')
    .where('status', '=', 'sending')
    .executeTakeFirst();
  const times = [queued?.at, claimed?.at].filter((t): t is string => typeof t === 'string');
  return times.sort()[0];
}

/**
 * Blanks the address and any parameters left of messages that ended (sent, printed, cancelled,
 * failed) before `before`; their rows stay as the record of what was sent. Returns how many.
 */
export async function forgetEndedMessages(db: Executor, before: string): Promise<number> {
  const r = await db
    .updateTable('outbox_messages')
    .set({ address: null, parameters: '{}' })
    .where('status', 'in', ['sent', 'printed', 'cancelled', 'failed'])
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('address', 'is not', null), eb('parameters', '!=', '{}')]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
