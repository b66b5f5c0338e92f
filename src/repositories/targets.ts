/** An assembly's targets: one row per assembly, the definition and population shares as JSON. */
import type { Selectable } from 'kysely';
import type { TargetsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type TargetsRow = Selectable<TargetsTable>;

export function findTargets(db: Executor, assemblyId: string): Promise<TargetsRow | undefined> {
  return db.selectFrom('targets').selectAll().where('assembly_id', '=', assemblyId).executeTakeFirst();
}

export async function saveTargets(db: Executor, row: TargetsRow): Promise<void> {
  const { assembly_id: _, ...changes } = row;
  await db
    .insertInto('targets')
    .values(row)
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(changes))
    .execute();
}
