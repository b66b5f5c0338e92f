/** One-time links to set a staff account's password; only the token's SHA-256 is stored. */
import type { Selectable } from 'kysely';
import type { PasswordLinksTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type PasswordLink = Selectable<PasswordLinksTable>;

export async function insertPasswordLink(db: Executor, row: PasswordLink): Promise<void> {
  await db.insertInto('password_links').values(row).execute();
}

/** A link still usable at `at`: not used, not expired. */
export async function findUsablePasswordLink(
  db: Executor,
  tokenHash: string,
  at: string,
): Promise<PasswordLink | undefined> {
  return db
    .selectFrom('password_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
}

/** Uses the link; false when another request used it first (it works exactly once). */
export async function usePasswordLink(db: Executor, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('password_links')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new link (or a reset) makes the account's earlier links useless. */
export async function retirePasswordLinks(db: Executor, accountId: string, at: string): Promise<void> {
  await db
    .updateTable('password_links')
    .set({ used_at: at })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .execute();
}

/** Deletes links that can no longer be used (used, retired or expired at `at`); returns how many. */
export async function deleteSpentPasswordLinks(db: Executor, at: string): Promise<number> {
  const r = await db
    .deleteFrom('password_links')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', at)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
