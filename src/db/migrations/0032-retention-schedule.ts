/**
 * The retention schedule per data category (issue 13): an organiser may hold a category of her
 * assembly with a reason (a complaint, an audit, a research agreement), and every erasure the
 * retention job carries out is logged with its category and count, so she can see what went when.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_holds')
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('held_by', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_holds_pk', ['assembly_id', 'category'])
    .execute();
  await db.schema
    .createTable('retention_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // How many records (people, answers, receipts, payouts) were erased.
    .addColumn('erased', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_log_assembly')
    .on('retention_log')
    .columns(['assembly_id', 'at'])
    .execute();
}
