/** The staff member behind a request, as commands want to know them. */
import type { Actor } from '../commands/command.ts';
import type { Ctx } from './env.ts';

/** Only called behind a staff access rule, which guarantees a logged-in account. */
export function staffActor(c: Ctx): Actor {
  const account = c.var.auth!.account!;
  return { kind: 'staff', accountId: account.id, isAdmin: account.is_admin === 1 };
}
