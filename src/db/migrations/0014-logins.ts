/**
 * Login sessions become `logins`, so that "sessions" can name an assembly's meetings. Only names
 * change: the rows stay, so nobody is logged out by the upgrade.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('sessions').renameTo('logins').execute();
  // SQLite renames the primary key's automatic index with the table; PostgreSQL keeps the old
  // names of the key and the account reference, which would still say "sessions".
  if (dialect === 'postgres') {
    await sql`alter table logins rename constraint sessions_pkey to logins_pkey`.execute(db);
    await sql`alter table logins rename constraint sessions_account_id_fkey to logins_account_id_fkey`.execute(
      db,
    );
  }
}
