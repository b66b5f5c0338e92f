/**
 * Tables for a deliberation session: its seating plan (the rounds with their tables, the settings the
 * engine was asked with, how many rounds have happened and are locked, the job computing a new plan)
 * and every version of it (computed, recomputed from the day's check-ins, a manual move, a late arrival
 * seated), with who
 * made it and when. Members appear under their pseudonymous person ids; names are joined when shown.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seating_plans')
    .addColumn('session_id', 'text', (c) =>
      c.primaryKey().references('assembly_sessions.id').onDelete('cascade'),
    )
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // JSON: rounds, tables or table size, fields with their modes, seed, facilitators.
    .addColumn('settings', 'text', (c) => c.notNull())
    // JSON: the rounds with their tables ([] until the first plan is computed).
    .addColumn('rounds', 'text', (c) => c.notNull())
    // JSON: the engine's report on the rounds; null until computed.
    .addColumn('report', 'text')
    // Rounds 1 … locked_rounds have happened and stay as they were.
    .addColumn('locked_rounds', 'integer', (c) => c.notNull().defaultTo(0))
    // The table-allocation job computing the next version; null when none is waited for.
    .addColumn('pending_job_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('seating_plans_assembly').on('seating_plans').column('assembly_id').execute();
  await db.schema
    .createTable('seating_versions')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('seating_plans.session_id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('assembly_id', 'text', (c) => c.notNull())
    // computed, recomputed, moved (by hand) or late (a late arrival seated where she harms least).
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON: the rounds as this version left them.
    .addColumn('rounds', 'text', (c) => c.notNull())
    // JSON: what changed (a move: person, round, from and to table; a recompute: who was present).
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('made_by', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('seating_versions_pk', ['session_id', 'version'])
    .execute();
}
