/**
 * Whether an assembly's public form for written submissions takes new ones. Open by default, as it
 * was before it could be closed; organisers close it when the assembly no longer reads them.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assemblies')
    .addColumn('submissions_open', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
