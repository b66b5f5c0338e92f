/**
 * Questions from members and submissions from the public (issue 10). A member (or a facilitator on
 * her behalf) asks for information or a speaker; organisers answer, point to material, or decline
 * with a reason, and the log of what was asked and answered is published without names. Anyone may
 * send the assembly a submission; organisers accept it into the evidence library or reject it. The
 * sender's name, organisation and e-mail are kept only until the retention rule blanks them.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Where an item came from: 'staff' (entered by the organisers) or 'public' (a submission accepted).
  await db.schema
    .alterTable('evidence_items')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('staff'))
    .execute();
  await db.schema
    .createTable('member_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    // information or speaker.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('assembly_sessions.id').onDelete('set null'))
    // The staff account that asked on her behalf; null when she asked herself.
    .addColumn('asked_by', 'text')
    // open, answered or declined.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_item_id', 'text', (c) => c.references('evidence_items.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .execute();
  await db.schema
    .createIndex('member_requests_assembly')
    .on('member_requests')
    .columns(['assembly_id', 'created_at'])
    .execute();
  await db.schema.createIndex('member_requests_person').on('member_requests').column('person_id').execute();
  await db.schema
    .createTable('public_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    // Personal data, each optional: blanked by the retention rule (sender_erased_at says when).
    .addColumn('sender_name', 'text')
    .addColumn('sender_organisation', 'text')
    .addColumn('sender_email', 'text')
    // 1 when the sender agreed that the name (and organisation) may be published with the item.
    .addColumn('publish_name', 'integer', (c) => c.notNull().defaultTo(0))
    // pending, accepted or rejected.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_item_id', 'text', (c) => c.references('evidence_items.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('sender_erased_at', 'text')
    .execute();
  await db.schema
    .createIndex('public_submissions_assembly')
    .on('public_submissions')
    .columns(['assembly_id', 'created_at'])
    .execute();
}
