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

/** Which of these codes exist already, in any assembly (codes are unique across assemblies). */
export async function takenCodes(db: Executor, codes: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom('invitations')
      .select('code')
      .where('code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const row of rows) taken.add(row.code);
  }
  return taken;
}

export type InvitationListRow = Pick<InvitationRow, 'code' | 'created_at' | 'used_at'>;

/**
 * One page of an assembly's codes in the order they were made, after the last row of the page
 * before (null for the first page): a list of any length is read a page at a time.
 */
export function invitationPage(
  db: Executor,
  assemblyId: string,
  after: InvitationListRow | null,
  limit: number,
): Promise<InvitationListRow[]> {
  let q = db
    .selectFrom('invitations')
    .select(['code', 'created_at', 'used_at'])
    .where('assembly_id', '=', assemblyId);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '>', after.created_at),
        eb.and([eb('created_at', '=', after.created_at), eb('code', '>', after.code)]),
      ]),
    );
  return q.orderBy('created_at').orderBy('code').limit(limit).execute();
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
