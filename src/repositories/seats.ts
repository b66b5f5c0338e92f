/** Who holds a seat on an assembly's panel, and the lock that lets one change of seats happen at a time. */
import { seatHoldingStatuses } from '../domain/seats.ts';
import type { Executor } from './executor.ts';

/**
 * Takes the assembly's row lock for the rest of the transaction (a no-op write; PostgreSQL locks the
 * row, SQLite the database), so that two changes cannot each see a free seat and both take it. Returns
 * the panel size, or null when there is no such assembly.
 */
export async function lockSeats(db: Executor, assemblyId: string): Promise<number | null> {
  const row = await db
    .updateTable('assemblies')
    .set((eb) => ({ panel_size: eb.ref('panel_size') }))
    .where('id', '=', assemblyId)
    .returning('panel_size')
    .executeTakeFirst();
  return row ? Number(row.panel_size) : null;
}

/** The ids of the people holding a seat now (selected or confirmed), in reference order. */
export async function seatedPeople(db: Executor, assemblyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('status', 'in', [...seatHoldingStatuses])
    .orderBy('reference')
    .execute();
  return rows.map((r) => r.id);
}
