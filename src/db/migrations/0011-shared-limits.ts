/**
 * Rate-limit hits kept in the database, so that several web processes on one database count
 * together: a limit kept in each process's memory would let a client multiply it by the number of
 * processes. Keys are stored as HMACs with the installation's secret, never as the plain address or
 * e-mail. Old hits are pruned as new ones arrive.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('id', 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    // Milliseconds since the epoch.
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_hits_key')
    .on('rate_limit_hits')
    .columns(['bucket', 'key_hash', 'at'])
    .execute();
  await db.schema
    .createIndex('rate_limit_hits_age')
    .on('rate_limit_hits')
    .columns(['bucket', 'at'])
    .execute();
}
