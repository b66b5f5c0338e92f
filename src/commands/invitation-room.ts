/**
 * The one check every way of making invitation codes goes through (codes made by hand, a draw's
 * letters, checked again when the draw is stored): an assembly never holds more than its limit.
 */
import { exceedsInvitationLimit, maxInvitationsPerAssembly } from '../domain/invite-code.ts';
import type { Executor } from '../repositories/executor.ts';
import { countInvitations } from '../repositories/invitations.ts';
import { CommandError } from './command.ts';

export async function checkInvitationRoom(
  db: Executor,
  assemblyId: string,
  adding: number,
  max = maxInvitationsPerAssembly,
): Promise<void> {
  const { total } = await countInvitations(db, assemblyId);
  if (exceedsInvitationLimit(total, adding, max))
    throw new CommandError('invitation_total', 'count', {
      max,
      existing: total,
      left: Math.max(0, max - total),
    });
}
