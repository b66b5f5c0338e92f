/**
 * What members need to know of a session beyond its time and place: what to bring and what it is
 * about (plain language, Swedish and English), the evidence items and experts it presents, and each
 * change to a published session's time or place, or its cancellation, with what it was before, so
 * members' pages can say "changed: new time, was …" and the change reaches them by mail or letter.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds one column per ALTER TABLE.
  for (const column of ['bring_sv', 'bring_en', 'about_sv', 'about_en'])
    await db.schema
      .alterTable('assembly_sessions')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  await db.schema
    .createTable('session_evidence')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence_items.id').onDelete('cascade'))
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('session_evidence_pk', ['session_id', 'evidence_id'])
    .execute();
  await db.schema.createIndex('session_evidence_item').on('session_evidence').column('evidence_id').execute();
  await db.schema
    .createTable('session_experts')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('expert_id', 'text', (c) => c.notNull().references('experts.id').onDelete('cascade'))
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('session_experts_pk', ['session_id', 'expert_id'])
    .execute();
  await db.schema.createIndex('session_experts_expert').on('session_experts').column('expert_id').execute();
  await db.schema
    .createTable('session_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // moved (time, place or both) or cancelled.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('place_changed', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: the session's times and place as they were before the change.
    .addColumn('previous', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('session_changes_session')
    .on('session_changes')
    .columns(['session_id', 'changed_at'])
    .execute();
}
