/**
 * Two-stage recruitment: population register extracts, invitation draws (whose letters' recipients
 * are personal data, kept apart from the invitation itself), targets, selection runs, public draws,
 * call outcomes and replacements.
 */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const serial = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('registers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    /** Where the extract is kept (inside the data folder), until it is deleted after the mail-out. */
    .addColumn('stored_as', 'text')
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitation_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('register_id', 'text', (c) => c.references('registers.id').onDelete('set null'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('requested', 'integer', (c) => c.notNull())
    .addColumn('drawn', 'integer', (c) => c.notNull())
    /** JSON: household columns, stratify column, weights, the per-stratum allocation. */
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('result_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('invitations').addColumn('draw_id', 'text').execute();
  await db.schema.alterTable('invitations').addColumn('stratum', 'text').execute();
  await db.schema.alterTable('invitations').addColumn('register_row', 'integer').execute();
  await db.schema.createIndex('invitations_draw').on('invitations').column('draw_id').execute();

  await db.schema
    .createTable('invitation_recipients')
    .addColumn('invitation_id', 'text', (c) =>
      c.primaryKey().references('invitations.id').onDelete('cascade'),
    )
    /** JSON: the register row's columns (name, address, …) for the letter; deleted on erasure. */
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .execute();

  await db.schema
    .createTable('targets')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    /** 'quotas' | 'percentages' | 'points' */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON: the targets as the organiser entered them, per question and value. */
    .addColumn('definition', 'text', (c) => c.notNull())
    /** JSON: population share per question and value, for the charts. */
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('selection_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    /** 'selection' | 'replacement' */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** 'queued' | 'running' | 'done' | 'infeasible' | 'failed' | 'cancelled' */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON: algorithm, panel size, seed, lottery size, … */
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    /** JSON: the SelectionFile (src/sortition/selection-file.ts) once finished; pseudonymous only. */
    .addColumn('result', 'text')
    /** JSON: the engine's latest progress report. */
    .addColumn('progress', 'text')
    .addColumn('error', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  // One run at a time per assembly, enforced by the database itself.
  await db.schema
    .createIndex('selection_runs_one_active')
    .on('selection_runs')
    .column('assembly_id')
    .unique()
    .where(sql.ref('status'), 'in', ['queued', 'running'])
    .execute();

  await db.schema
    .createTable('public_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('selection_runs.id').onDelete('cascade'))
    /** 'panel' | 'reserves' */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    /** What the randomness will be, announced before the draw (e.g. "drand round 4 512 300"). */
    .addColumn('randomness_plan', 'text', (c) => c.notNull())
    .addColumn('seed', 'text')
    .addColumn('drawn_at', 'text')
    /** JSON: the transcript `lotta verify` accepts. */
    .addColumn('transcript', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('public_draws_run_kind', ['run_id', 'kind'])
    .execute();

  await db.schema
    .createTable('call_outcomes')
    .addColumn('id', 'integer', serial)
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    /** 'confirmed' | 'declined' | 'no_answer' | 'call_again' */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_outcomes_person').on('call_outcomes').column('person_id').execute();

  await db.schema
    .createTable('replacements')
    .addColumn('id', 'integer', serial)
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('selection_runs.id').onDelete('cascade'))
    .addColumn('replaced_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('replacement_person_id', 'text', (c) => c.notNull().references('people.id'))
    /** JSON: per target value, the count before and after. */
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .execute();
}
