/** Login sessions, stored under the SHA-256 of the cookie token. */
import type { Selectable } from 'kysely';
import type { SessionsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Executor, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export function findSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(
  db: Executor,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function completeTotp(db: Executor, id: string): Promise<void> {
  await db.updateTable('sessions').set({ pending_totp: 0 }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the account, but the one given (the session making the change). */
export async function deleteSessionsOfAccount(
  db: Executor,
  accountId: string,
  exceptSessionId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

/** Ends every session a member opened with a personal link. */
export async function deleteSessionsOfPerson(db: Executor, personId: string): Promise<void> {
  await db.deleteFrom('sessions').where('person_id', '=', personId).execute();
}

/** Deletes sessions that ran out before `now`; returns how many. */
export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
