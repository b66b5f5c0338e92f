/**
 * Answers and follow-up (issue 13): the handover date and the deadline for the decision makers'
 * answers, one answer per adopted recommendation (its working draft; each publication kept whole as a
 * version, so a changed answer keeps its history), implementation updates (kept, never edited), and
 * the reminders already sent, so that a daily run sends each reminder once even when it runs twice.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('answer_deadlines')
    .addColumn('assembly_id', 'text', (c) => c.primaryKey().references('assemblies.id').onDelete('cascade'))
    // Calendar dates (YYYY-MM-DD) on Swedish time.
    .addColumn('handover_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().unique().references('recommendations.id').onDelete('cascade'),
    )
    // The working draft: accepted, partly_accepted, not_accepted or under_consideration.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('body_responsible', 'text', (c) => c.notNull())
    .addColumn('timeline', 'text', (c) => c.notNull())
    .addColumn('timeline_date', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    // The first publication (decides whether it came late); null while only a draft.
    .addColumn('published_at', 'text')
    // The number of the latest published version; 0 while only a draft.
    .addColumn('published_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answers_assembly').on('answers').column('assembly_id').execute();
  await db.schema
    .createTable('answer_versions')
    .addColumn('answer_id', 'text', (c) => c.notNull().references('answers.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('body_responsible', 'text', (c) => c.notNull())
    .addColumn('timeline', 'text', (c) => c.notNull())
    .addColumn('timeline_date', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answer_versions_pk', ['answer_id', 'number'])
    .execute();
  await db.schema
    .createTable('implementation_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    // The day it reports on (YYYY-MM-DD).
    .addColumn('on_date', 'text', (c) => c.notNull())
    // planned, started, partly_done, done or stopped; or null when a percentage is given instead.
    .addColumn('stage', 'text')
    .addColumn('progress', 'integer')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('evidence_url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('implementation_updates_recommendation')
    .on('implementation_updates')
    .columns(['assembly_id', 'recommendation_id'])
    .execute();
  await db.schema
    .createTable('answer_reminders')
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    // Which reminder: days before (negative) or after the deadline, e.g. -14, -3, 1, 8.
    .addColumn('offset_days', 'integer', (c) => c.notNull())
    // The deadline it was for: a moved deadline starts its reminders afresh.
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('answer_reminders_pk', ['assembly_id', 'deadline', 'offset_days'])
    .execute();
}
