/**
 * Who came to which session. One row per member and session once someone has marked her: at the door
 * (a host checking her in), at her table afterwards (a facilitator), or by an organiser. A member with
 * no row for a past session has not been marked; the attendance rules read that as absent.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_attendance')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // present, absent or excused.
    .addColumn('status', 'text', (c) => c.notNull())
    // UTC instants when she came late or left early; null when she was there from start or to the end.
    .addColumn('arrived_at', 'text')
    .addColumn('left_at', 'text')
    // Why she was excused (or absent), as the organisers were told.
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    // door, table or office: how the mark was made.
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_attendance_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('session_attendance_assembly')
    .on('session_attendance')
    .columns(['assembly_id', 'person_id'])
    .execute();
}
