/**
 * Minority statements (issue 12): members who disagree with a recommendation write a statement to
 * it, and others sign it. Kept when withdrawn (marked so), and each signature says whether the member
 * signed herself or staff recorded it for her (a signature on paper).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('minority_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assembly_id', 'text', (c) => c.notNull().references('assemblies.id').onDelete('cascade'))
    .addColumn('recommendation_id', 'text', (c) =>
      c.notNull().references('recommendations.id').onDelete('cascade'),
    )
    // The member who wrote it; null once she is gone from the panel's records.
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    // Plain paragraphs separated by blank lines; never HTML.
    .addColumn('text', 'text', (c) => c.notNull())
    // The staff account that typed it for her; null when she wrote it herself.
    .addColumn('written_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when its author withdraws it: kept, but no longer counted or published.
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .execute();
  await db.schema
    .createIndex('minority_statements_recommendation')
    .on('minority_statements')
    .columns(['assembly_id', 'recommendation_id'])
    .execute();
  await db.schema
    .createTable('minority_statement_signatures')
    .addColumn('statement_id', 'text', (c) =>
      c.notNull().references('minority_statements.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    // The staff account that recorded it for her (a signature on paper); null when she signed herself.
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('minority_statement_signatures_pk', ['statement_id', 'person_id'])
    .execute();
}
