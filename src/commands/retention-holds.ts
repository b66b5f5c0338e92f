/**
 * Holding a category of an assembly's personal data from erasure, and releasing it: an organiser
 * stops the retention job erasing, say, receipts during a tax audit, and must say why. Both are
 * audited; the reason shows on the schedule until the hold is released.
 */
import type { Database } from '../db/connect.ts';
import { isRetentionCategory } from '../domain/retention-schedule.ts';
import { deleteHold, saveHold } from '../repositories/retention-schedule.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

/** The longest reason a hold may give. */
export const holdReasonMax = 500;

export async function holdCategory(
  database: Database,
  actor: Actor,
  assemblyId: string,
  category: string,
  reason: string,
): Promise<void> {
  if (!isRetentionCategory(category)) throw new CommandError('not_found');
  const why = reason.trim();
  if (!why) throw new CommandError('retention_reason_missing', 'reason');
  if (why.length > holdReasonMax) throw new CommandError('too_long', 'reason', { max: holdReasonMax });
  await inTransaction(database, async (trx, audit) => {
    await saveHold(trx, assemblyId, { category, reason: why, heldBy: actorId(actor), heldAt: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'retention.hold',
      subjectType: 'retention_category',
      subjectId: category,
    });
  });
}

export async function releaseHold(database: Database, actor: Actor, assemblyId: string, category: string) {
  if (!isRetentionCategory(category)) throw new CommandError('not_found');
  await inTransaction(database, async (trx, audit) => {
    if (!(await deleteHold(trx, assemblyId, category))) throw new CommandError('retention_not_held');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'retention.release',
      subjectType: 'retention_category',
      subjectId: category,
    });
  });
}
