/** Invite codes printed on letters; a code is used once, by the registration it led to. */
import type { Insertable, Selectable } from 'kysely';
import type { InvitationsTable } from '../db/schema.ts';
import { type Executor, toCount } from './executor.ts';

export type InvitationRow = Selectable<InvitationsTable>;

export async function insertInvitations(db: Executor, rows: Insertable<InvitationsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('invitations')
      .values(rows.slice(i, i + 500))
      .execute();
}

export function findInvitationByCode(db: Executor, code: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Marks the code used unless someone else just did; true when this call won. */
export async function markInvitationUsed(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listInvitations(db: Executor, assemblyId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('created_at')
    .execute();
}

export async function countInvitations(
  db: Executor,
  assemblyId: string,
): Promise<{ total: number; used: number }> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('used_at').as('used')])
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirstOrThrow();
  return { total: toCount(row.total as string | number), used: toCount(row.used as string | number) };
}
