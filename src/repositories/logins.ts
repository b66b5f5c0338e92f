/** Logins, stored under the SHA-256 of the cookie token. */
import type { Selectable } from 'kysely';
import type { LoginsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type LoginRow = Selectable<LoginsTable>;

export async function insertLogin(db: Executor, login: LoginRow): Promise<void> {
  await db.insertInto('logins').values(login).execute();
}

export function findLogin(db: Executor, id: string): Promise<LoginRow | undefined> {
  return db.selectFrom('logins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchLogin(
  db: Executor,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('logins')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function completeTotp(db: Executor, id: string): Promise<void> {
  await db.updateTable('logins').set({ pending_totp: 0 }).where('id', '=', id).execute();
}

export async function deleteLogin(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('logins').where('id', '=', id).execute();
}

/** Ends every login of the account, but the one given (the login making the change). */
export async function deleteLoginsOfAccount(
  db: Executor,
  accountId: string,
  exceptLoginId?: string,
): Promise<void> {
  let query = db.deleteFrom('logins').where('account_id', '=', accountId);
  if (exceptLoginId) query = query.where('id', '!=', exceptLoginId);
  await query.execute();
}

/** Ends every login a member opened with a personal link. */
export async function deleteLoginsOfPerson(db: Executor, personId: string): Promise<void> {
  await db.deleteFrom('logins').where('person_id', '=', personId).execute();
}

/** Deletes logins that ran out before `now`; returns how many. */
export async function deleteExpiredLogins(db: Executor, now: string): Promise<number> {
  const r = await db.deleteFrom('logins').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
