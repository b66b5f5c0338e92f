/**
 * Public draws (the panel's and the reserve list's) and what they read besides one selection run
 * (src/repositories/selection-runs.ts): the finished runs to choose from and the people's P-references.
 * A draw's seed is written once, by a conditional update.
 */
import type { Insertable, Selectable } from 'kysely';
import type { PublicDrawsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import type { SelectionRunRow } from './selection-runs.ts';

/** A draw with the kind of run it draws from, so a replacement round is called one. */
export type PublicDrawRow = Selectable<PublicDrawsTable> & { run_kind: string };

function withRunKind(db: Executor) {
  return db
    .selectFrom('public_draws')
    .innerJoin('selection_runs', 'selection_runs.id', 'public_draws.run_id')
    .selectAll('public_draws')
    .select('selection_runs.kind as run_kind');
}

export async function insertPublicDraw(db: Executor, row: Insertable<PublicDrawsTable>): Promise<void> {
  await db.insertInto('public_draws').values(row).execute();
}

export function findPublicDraw(
  db: Executor,
  assemblyId: string,
  drawId: string,
): Promise<PublicDrawRow | undefined> {
  return withRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .where('public_draws.id', '=', drawId)
    .executeTakeFirst();
}

/** The assembly's draws, newest first. */
export function listPublicDraws(db: Executor, assemblyId: string): Promise<PublicDrawRow[]> {
  return withRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .orderBy('public_draws.published_at', 'desc')
    .orderBy('public_draws.id')
    .execute();
}

export function findDrawOfRun(db: Executor, runId: string, kind: string): Promise<PublicDrawRow | undefined> {
  return withRunKind(db)
    .where('public_draws.run_id', '=', runId)
    .where('public_draws.kind', '=', kind)
    .executeTakeFirst();
}

/** Draws of a kind that are announced and still wait for their randomness. */
export function listPendingDraws(db: Executor, assemblyId: string, kind: string): Promise<PublicDrawRow[]> {
  return withRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .where('public_draws.kind', '=', kind)
    .where('public_draws.seed', 'is', null)
    .execute();
}

/**
 * Stores the seed, the time and the transcript, only if no seed is stored yet: of two entries racing,
 * exactly one wins, and a stored seed can never be replaced. Returns whether this one was stored.
 */
export async function recordDrawSeed(
  db: Executor,
  drawId: string,
  values: { seed: string; drawnAt: string; transcript: string },
): Promise<boolean> {
  const result = await db
    .updateTable('public_draws')
    .set({ seed: values.seed, drawn_at: values.drawnAt, transcript: values.transcript })
    .where('id', '=', drawId)
    .where('seed', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The assembly's finished selection runs, newest first (the ones a draw can be made from). */
export function listFinishedRuns(db: Executor, assemblyId: string): Promise<SelectionRunRow[]> {
  return db
    .selectFrom('selection_runs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'done')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Person id → P-reference for everyone in the assembly. */
export async function referencesOf(db: Executor, assemblyId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'reference'])
    .where('assembly_id', '=', assemblyId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

export interface DrawnPerson {
  id: string;
  reference: string;
  status: string;
  erased_at: string | null;
  full_name: string | null;
}

/** The people behind some references, with their names, for the staff's view of a draw. */
export async function peopleByReference(
  db: Executor,
  assemblyId: string,
  references: readonly string[],
): Promise<Map<string, DrawnPerson>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .leftJoin('person_contacts', 'person_contacts.person_id', 'people.id')
    .select([
      'people.id',
      'people.reference',
      'people.status',
      'people.erased_at',
      'person_contacts.full_name',
    ])
    .where('people.assembly_id', '=', assemblyId)
    .where('people.reference', 'in', [...references])
    .execute();
  return new Map(rows.map((r) => [r.reference, r]));
}
