/** The record of each respondent import: which file (by hash), how many rows were new. */
import type { Insertable, Selectable } from 'kysely';
import type { ImportsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(db: Executor, row: Insertable<ImportsTable>): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

export function listImports(db: Executor, assemblyId: string): Promise<ImportRow[]> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at', 'desc')
    .execute();
}
