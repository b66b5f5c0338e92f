/**
 * The tolerance of an assembly's point targets (issue 14): the extra weighted deviation a selection
 * run allows above the smallest achievable one, chosen by the organiser from the trade-off between
 * deviation and chances. 0, the engine's default, until she chooses otherwise.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('targets')
    .addColumn('point_tolerance', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
}
