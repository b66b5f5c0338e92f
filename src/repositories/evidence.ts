/** An assembly's evidence items and experts: the rows as the pages and commands use them. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { EvidenceItemsTable, ExpertsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type EvidenceItem = Selectable<EvidenceItemsTable>;
export type Expert = Omit<Selectable<ExpertsTable>, 'none_declared'> & { none_declared: boolean };

function expertOf(row: Selectable<ExpertsTable>): Expert {
  return { ...row, none_declared: row.none_declared === 1 };
}

export async function listEvidence(db: Executor, assemblyId: string): Promise<EvidenceItem[]> {
  return db
    .selectFrom('evidence_items')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('title')
    .orderBy('id')
    .execute();
}

export async function findEvidence(
  db: Executor,
  assemblyId: string,
  id: string,
): Promise<EvidenceItem | null> {
  const row = await db
    .selectFrom('evidence_items')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertEvidence(db: Executor, row: Insertable<EvidenceItemsTable>): Promise<void> {
  await db.insertInto('evidence_items').values(row).execute();
}

/** Changes an item of the assembly; false when there is none by that id. */
export async function updateEvidence(
  db: Executor,
  assemblyId: string,
  id: string,
  changes: Updateable<EvidenceItemsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('evidence_items')
    .set(changes)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteEvidence(db: Executor, assemblyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('evidence_items')
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listExperts(db: Executor, assemblyId: string): Promise<Expert[]> {
  const rows = await db
    .selectFrom('experts')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(expertOf);
}

export async function findExpert(db: Executor, assemblyId: string, id: string): Promise<Expert | null> {
  const row = await db
    .selectFrom('experts')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? expertOf(row) : null;
}

export async function insertExpert(db: Executor, row: Insertable<ExpertsTable>): Promise<void> {
  await db.insertInto('experts').values(row).execute();
}

/** Changes an expert of the assembly; false when there is none by that id. */
export async function updateExpert(
  db: Executor,
  assemblyId: string,
  id: string,
  changes: Updateable<ExpertsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('experts')
    .set(changes)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteExpert(db: Executor, assemblyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('experts')
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Which of these keys an evidence item names as its file. */
export async function namedEvidenceFiles(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('evidence_items')
    .select('file_key')
    .where('file_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.file_key as string));
}
