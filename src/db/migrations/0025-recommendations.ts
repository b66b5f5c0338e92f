/**
 * Drafting recommendations (issue 12): working groups of confirmed members (with a facilitator who may
 * type for them), their recommendations as plain paragraphs, and every saved version of each, so
 * that any two can be compared and nobody's wording is lost; and amendments to a passage of one.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('working_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // A staff account of the team; null when the group has none yet.
    .addColumn('facilitator_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('working_groups_assembly').on('working_groups').column('assembly_id').execute();
  await db.schema
    .createTable('working_group_members')
    .addColumn('working_group_id', 'text', (c) =>
      c.notNull().references('working_groups.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('working_group_members_pk', ['working_group_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('working_group_id', 'text', (c) =>
      c.notNull().references('working_groups.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    // Plain paragraphs separated by blank lines; never HTML.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    // draft, plenary, adopted, not_adopted or withdrawn.
    .addColumn('status', 'text', (c) => c.notNull())
    // The number of the latest version (1 for the first save).
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recommendations_group')
    .on('recommendations')
    .columns(['assembly_id', 'working_group_id'])
    .execute();
  await db.schema
    .createTable('recommendation_versions')
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    // The staff account that saved it.
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_versions_pk', ['recommendation_id', 'number'])
    .execute();
  await createAmendments(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
async function createAmendments(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    // The member who proposes it (a facilitator may type it for her).
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    // The staff account that typed it on her behalf; null when she typed it herself.
    .addColumn('proposed_by', 'text')
    // The passage of the text it changes, as it stood, and what should stand instead.
    .addColumn('passage', 'text', (c) => c.notNull())
    .addColumn('replacement', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The version of the recommendation it was proposed against.
    .addColumn('base_version', 'integer', (c) => c.notNull())
    // open, accepted, rejected, merged or plenary (sent to a plenary vote).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema
    .createIndex('amendments_recommendation')
    .on('amendments')
    .column('recommendation_id')
    .execute();
}
