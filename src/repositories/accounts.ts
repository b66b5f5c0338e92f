/** Staff accounts. Password hashes and TOTP secrets never leave this module except to the auth commands. */
import type { Account, NewAccount } from '../db/schema.ts';
import { type Executor, toCount } from './executor.ts';

export async function countAccounts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n as string | number);
}

export async function insertAccount(db: Executor, account: NewAccount): Promise<void> {
  await db.insertInto('accounts').values(account).execute();
}

export function findAccountByEmail(db: Executor, email: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findAccount(db: Executor, id: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAccounts(db: Executor): Promise<Account[]> {
  return db.selectFrom('accounts').selectAll().orderBy('display_name').execute();
}

export async function updateAccount(
  db: Executor,
  id: string,
  changes: Partial<Omit<Account, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
}

/**
 * Marks the account's one-time password as used (it has opened a login); false when it already
 * was. One statement, so two logins racing with the same password cannot both succeed.
 */
export async function useOneTimePassword(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ must_change_password: 2 })
    .where('id', '=', id)
    .where('must_change_password', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks the TOTP time step as used, only when it is later than the last one used; false when it is
 * not (the code, or an older one, was used already). One statement, so two requests racing with the
 * same code cannot both succeed.
 */
export async function useTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
