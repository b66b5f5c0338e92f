/**
 * Each assembly's privacy notice (GDPR art. 13): who the controller is, how to reach them, and the
 * purpose, legal basis and retention in each language. Stored as JSON; what an organiser leaves
 * empty is filled from a standard text when shown, so an assembly is never without a notice.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assemblies')
    .addColumn('privacy', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
}
