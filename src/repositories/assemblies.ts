/** Assemblies, their teams (roles per account) and the demographic questions they ask. */
import type { Insertable, Selectable } from 'kysely';
import type { AssembliesTable, AssemblyRow, AssemblyUpdate, QuestionsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type QuestionRow = Selectable<QuestionsTable>;

export async function insertAssembly(db: Executor, row: Insertable<AssembliesTable>): Promise<void> {
  await db.insertInto('assemblies').values(row).execute();
}

export async function updateAssembly(db: Executor, id: string, changes: AssemblyUpdate): Promise<void> {
  await db.updateTable('assemblies').set(changes).where('id', '=', id).execute();
}

export function findAssembly(db: Executor, id: string): Promise<AssemblyRow | undefined> {
  return db.selectFrom('assemblies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAssemblyBySlug(db: Executor, slug: string): Promise<AssemblyRow | undefined> {
  return db.selectFrom('assemblies').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  return (await findAssemblyBySlug(db, slug)) !== undefined;
}

/** All assemblies for administrators; otherwise those where the account holds a role. */
export function listAssembliesFor(db: Executor, accountId: string, isAdmin: boolean): Promise<AssemblyRow[]> {
  let q = db.selectFrom('assemblies').selectAll('assemblies');
  if (!isAdmin) {
    q = q
      .innerJoin('assembly_roles', 'assembly_roles.assembly_id', 'assemblies.id')
      .where('assembly_roles.account_id', '=', accountId);
  }
  return q.orderBy('assemblies.created_at', 'desc').execute();
}

export async function roleIn(db: Executor, assemblyId: string, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('assembly_roles')
    .select('role')
    .where('assembly_id', '=', assemblyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function setRole(
  db: Executor,
  assemblyId: string,
  accountId: string,
  role: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('assembly_roles')
    .values({ assembly_id: assemblyId, account_id: accountId, role, granted_at: at })
    .onConflict((oc) => oc.columns(['assembly_id', 'account_id']).doUpdateSet({ role, granted_at: at }))
    .execute();
}

export async function removeRole(db: Executor, assemblyId: string, accountId: string): Promise<void> {
  await db
    .deleteFrom('assembly_roles')
    .where('assembly_id', '=', assemblyId)
    .where('account_id', '=', accountId)
    .execute();
}

export function listTeam(db: Executor, assemblyId: string) {
  return db
    .selectFrom('assembly_roles')
    .innerJoin('accounts', 'accounts.id', 'assembly_roles.account_id')
    .select([
      'accounts.id',
      'accounts.display_name',
      'accounts.email',
      'accounts.is_admin',
      'assembly_roles.role',
    ])
    .where('assembly_roles.assembly_id', '=', assemblyId)
    .orderBy('accounts.display_name')
    .execute();
}

export function listQuestions(db: Executor, assemblyId: string): Promise<QuestionRow[]> {
  return db
    .selectFrom('questions')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('position')
    .execute();
}

export async function replaceQuestions(db: Executor, assemblyId: string, rows: QuestionRow[]): Promise<void> {
  await db.deleteFrom('questions').where('assembly_id', '=', assemblyId).execute();
  if (rows.length > 0) await db.insertInto('questions').values(rows).execute();
}
