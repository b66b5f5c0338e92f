/** Where the invitation pages of the current assembly are. */
import type { Ctx } from '../../env.ts';

/** `/a/<assembly>/invitations`: the codes page, and below it the lottery's pages. */
export function invitationsPath(c: Ctx): string {
  return `/a/${c.var.assembly.id}/invitations`;
}

/** A draw's page. */
export function drawPath(c: Ctx, drawId: string): string {
  return `${invitationsPath(c)}/draws/${drawId}`;
}
