/** Installation-wide values kept in the database, such as the secret that signs form tokens. */
import { randomBytes } from 'node:crypto';
import type { Executor } from './executor.ts';

export async function getSetting(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** The value under key, created once with make() if missing; concurrent starts agree on one value. */
export async function ensureSetting(db: Executor, key: string, make: () => string): Promise<string> {
  const existing = await getSetting(db, key);
  if (existing !== null) return existing;
  await db
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(db, key))!;
}

export function ensureServerSecret(db: Executor): Promise<string> {
  return ensureSetting(db, 'server_secret', () => randomBytes(32).toString('base64url'));
}
