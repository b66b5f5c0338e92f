/**
 * An assembly's sessions (its meetings; "sessions" was free once logins got their own name), and the
 * hours of meeting the organisers plan for the assembly. The plan is a column of the assembly, not of
 * a session: it is one figure for the whole programme, known before any session is entered.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assemblies').addColumn('planned_hours', 'double precision').execute();
  await db.schema
    .createTable('assembly_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('title_sv', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('session_type', 'text', (c) => c.notNull())
    // ISO 8601 instants in UTC; shown in Swedish time.
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('directions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('online_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assembly_sessions_assembly')
    .on('assembly_sessions')
    .columns(['assembly_id', 'starts_at'])
    .execute();
}
