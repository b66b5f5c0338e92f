/** An assembly's outbox as the organisers see it: the messages and how many wait to be printed. */
import type { Database } from '../db/connect.ts';
import { listOutbox, type OutboxMessage } from '../repositories/outbox.ts';

export interface OutboxOverview {
  messages: OutboxMessage[];
  /** Queued letters, and queued e-mails while e-mail is off: what printing would put on paper. */
  printable: number;
}

export async function outboxOverview(
  database: Database,
  assemblyId: string,
  mailOn: boolean,
): Promise<OutboxOverview> {
  const messages = await listOutbox(database.db, assemblyId);
  const printable = messages.filter(
    (m) => m.status === 'queued' && (m.channel === 'letter' || (!mailOn && m.channel === 'email')),
  ).length;
  return { messages, printable };
}
