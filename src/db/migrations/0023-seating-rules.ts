/**
 * The organisers' hard rules for a session's tables, kept apart from the plan so that they can be set
 * before the first tables are asked for and outlive every recompute: two members who must never sit
 * at the same table, and a member fixed to a table in a round (the interpreter's table, a table that
 * a wheelchair reaches). Members appear under their pseudonymous person ids.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seating_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // apart (person_id and other_id never at one table) or fixed (person_id at table_number in round).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('other_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    // 1-based, as the organiser typed them.
    .addColumn('round', 'integer')
    .addColumn('table_number', 'integer')
    .addColumn('made_by', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seating_rules_session').on('seating_rules').column('session_id').execute();
}
