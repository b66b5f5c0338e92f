/**
 * What organisers do with an assembly's outbox: try a failed message again (queuing a send run), and
 * print the messages that must go by post (outbox-print.ts).
 */
import type { Database } from '../db/connect.ts';
import { queueMailSending } from '../mail/send-job.ts';
import { requeueFailed } from '../repositories/outbox.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

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
