/**
 * Selection runs: one row per run of the engine (a selection or a replacement round), from queued to
 * its end. The database allows one queued or running run per assembly (a partial unique index), so
 * two organisers starting at once cannot both succeed.
 */
import type { Insertable, Selectable } from 'kysely';
import type { SelectionRunsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';

export type SelectionRunRow = Selectable<SelectionRunsTable>;

export const activeRunStatuses = ['queued', 'running'] as const;
export const finalRunStatuses = ['done', 'infeasible', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof activeRunStatuses)[number] | (typeof finalRunStatuses)[number];

export async function insertRun(db: Executor, row: Insertable<SelectionRunsTable>): Promise<void> {
  await db.insertInto('selection_runs').values(row).execute();
}

/**
 * Whether an insert failed on a unique index: SQLite's and PostgreSQL's drivers say so differently,
 * and only this layer knows which database it speaks to.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export function findRun(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<SelectionRunRow | undefined> {
  return db
    .selectFrom('selection_runs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

export function findActiveRun(db: Executor, assemblyId: string): Promise<SelectionRunRow | undefined> {
  return db
    .selectFrom('selection_runs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('status', 'in', [...activeRunStatuses])
    .executeTakeFirst();
}

/** Runs of an assembly, newest first, without their (possibly large) results. */
export function listRuns(db: Executor, assemblyId: string) {
  return db
    .selectFrom('selection_runs')
    .leftJoin('accounts', 'accounts.id', 'selection_runs.created_by')
    .select([
      'selection_runs.id',
      'selection_runs.kind',
      'selection_runs.status',
      'selection_runs.settings',
      'selection_runs.engine_version',
      'selection_runs.created_at',
      'selection_runs.finished_at',
      'selection_runs.created_by',
      'accounts.display_name as created_by_name',
    ])
    .where('selection_runs.assembly_id', '=', assemblyId)
    .orderBy('selection_runs.created_at', 'desc')
    .orderBy('selection_runs.id')
    .execute();
}

/**
 * queued → running (or running again, when its job is retried after its worker died); false when the
 * run has ended meanwhile (cancelled or failed).
 */
export async function markRunning(db: Executor, runId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('selection_runs')
    .set({ status: 'running', started_at: at })
    .where('id', '=', runId)
    .where('status', 'in', [...activeRunStatuses])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setProgress(db: Executor, runId: string, progress: string): Promise<void> {
  await db
    .updateTable('selection_runs')
    .set({ progress })
    .where('id', '=', runId)
    .where('status', 'in', [...activeRunStatuses])
    .execute();
}

/** Sets the cancel flag of an active run; false when the run has already ended. */
export async function requestCancel(db: Executor, runId: string): Promise<boolean> {
  const r = await db
    .updateTable('selection_runs')
    .set({ cancel_requested: 1 })
    .where('id', '=', runId)
    .where('status', 'in', [...activeRunStatuses])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function cancelRequested(db: Executor, runId: string): Promise<boolean> {
  const row = await db
    .selectFrom('selection_runs')
    .select('cancel_requested')
    .where('id', '=', runId)
    .executeTakeFirst();
  return row?.cancel_requested === 1;
}

/** Ends an active run; false when it had already ended (a restart marked it failed, say). */
export async function finishRun(
  db: Executor,
  runId: string,
  end: { status: RunStatus; result: string | null; error: string | null; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('selection_runs')
    .set({ status: end.status, result: end.result, error: end.error, finished_at: end.at })
    .where('id', '=', runId)
    .where('status', 'in', [...activeRunStatuses])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The active runs of every assembly: after a restart no process is working on them any more. */
export function listActiveRuns(db: Executor): Promise<Pick<SelectionRunRow, 'id' | 'assembly_id'>[]> {
  return db
    .selectFrom('selection_runs')
    .select(['id', 'assembly_id'])
    .where('status', 'in', [...activeRunStatuses])
    .execute();
}
