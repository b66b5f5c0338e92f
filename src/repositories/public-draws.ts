/**
 * Public draws (the panel's and the reserve list's) and what they read besides one selection run
 * (src/repositories/selection-runs.ts): the finished runs to choose from and the people's P-references.
 * A draw's seed is written once, by a conditional update. The randomness plan and the transcript are
 * stored as JSON text and decoded here; the transcript's text is kept as well, because it is the file
 * the public downloads and checks with `lotta verify`, byte for byte as it was written.
 */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type { PublicDrawsTable } from '../db/schema.ts';
import { type DrawKind, drawKinds, type RandomnessPlan } from '../domain/public-draw.ts';
import type { DrawTranscript } from '../sortition/draw.ts';
import { reservesTranscriptSchema, transcriptSchema } from '../sortition/draw-files.ts';
import type { ReservesTranscript } from '../sortition/reserves.ts';
import type { Executor } from './executor.ts';
import { readStoredJson, StoredDataError } from './stored-json.ts';

/** A draw as lists show it (its plan decoded), with the kind of run it draws from. */
export interface PublicDrawSummary extends Omit<Selectable<PublicDrawsTable>, 'kind' | 'transcript'> {
  kind: DrawKind;
  /** The kind of run it draws from, so that a replacement round is called one. */
  run_kind: string;
  plan: RandomnessPlan;
}

/** One draw with its transcript, decoded as the kind of draw it is (null until drawn). */
export interface PublicDraw extends PublicDrawSummary {
  /** The stored transcript file, as the public downloads it. */
  transcript: string | null;
  panelTranscript: DrawTranscript | null;
  reservesTranscript: ReservesTranscript | null;
}

/** The name this type had when draws came as stored rows; pages still import it under it. */
export type PublicDrawRow = PublicDraw;

const kindSchema = z.enum(drawKinds);

// The plan as serialisePlan writes it; the drand chain it names is always the default one.
const planSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('drand'), round: z.number().int() }),
  z.object({
    source: z.literal('dice'),
    rolls: z.number().int(),
    sides: z.union([z.literal(6), z.literal(10)]),
  }),
]);

/** A stored randomness plan, decoded; a plan no version of Lotta wrote is refused. */
export function decodePlan(text: string): RandomnessPlan {
  return readStoredJson(planSchema, text, 'public draw randomness plan');
}

function decodeKind(kind: string): DrawKind {
  const parsed = kindSchema.safeParse(kind);
  if (!parsed.success) throw new StoredDataError('public draw kind', parsed.error);
  return parsed.data;
}

type StoredDraw = Selectable<PublicDrawsTable> & { run_kind: string };

function decodeSummary(row: Omit<StoredDraw, 'transcript'>): PublicDrawSummary {
  return {
    ...row,
    kind: decodeKind(row.kind),
    plan: decodePlan(row.randomness_plan),
  };
}

function decodeDraw(row: StoredDraw): PublicDraw {
  const { transcript: text, ...rest } = row;
  const summary = decodeSummary(rest);
  return {
    ...summary,
    transcript: text,
    panelTranscript:
      text !== null && summary.kind === 'panel'
        ? readStoredJson(transcriptSchema, text, 'panel draw transcript')
        : null,
    reservesTranscript:
      text !== null && summary.kind === 'reserves'
        ? readStoredJson(reservesTranscriptSchema, text, 'reserve list transcript')
        : null,
  };
}

function withRunKind(db: Executor) {
  return db
    .selectFrom('public_draws')
    .innerJoin('selection_runs', 'selection_runs.id', 'public_draws.run_id')
    .selectAll('public_draws')
    .select('selection_runs.kind as run_kind');
}

/** Draws for a list: everything but the transcript, which holds the whole lottery and is not shown there. */
function summariesWithRunKind(db: Executor) {
  return db
    .selectFrom('public_draws')
    .innerJoin('selection_runs', 'selection_runs.id', 'public_draws.run_id')
    .select([
      'public_draws.id',
      'public_draws.assembly_id',
      'public_draws.run_id',
      'public_draws.kind',
      'public_draws.commitment',
      'public_draws.published_at',
      'public_draws.randomness_plan',
      'public_draws.seed',
      'public_draws.drawn_at',
      'public_draws.created_by',
      'selection_runs.kind as run_kind',
    ]);
}

export async function insertPublicDraw(db: Executor, row: Insertable<PublicDrawsTable>): Promise<void> {
  await db.insertInto('public_draws').values(row).execute();
}

export async function findPublicDraw(
  db: Executor,
  assemblyId: string,
  drawId: string,
): Promise<PublicDraw | undefined> {
  const row = await withRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .where('public_draws.id', '=', drawId)
    .executeTakeFirst();
  return row && decodeDraw(row);
}

/** The assembly's draws, newest first. */
export async function listPublicDraws(db: Executor, assemblyId: string): Promise<PublicDrawSummary[]> {
  const rows = await summariesWithRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .orderBy('public_draws.published_at', 'desc')
    .orderBy('public_draws.id')
    .execute();
  return rows.map(decodeSummary);
}

export async function findDrawOfRun(
  db: Executor,
  runId: string,
  kind: DrawKind,
): Promise<PublicDraw | undefined> {
  const row = await withRunKind(db)
    .where('public_draws.run_id', '=', runId)
    .where('public_draws.kind', '=', kind)
    .executeTakeFirst();
  return row && decodeDraw(row);
}

/** Whether a run has a draw of a kind, without reading its transcript. */
export async function runHasDraw(db: Executor, runId: string, kind: DrawKind): Promise<boolean> {
  const row = await db
    .selectFrom('public_draws')
    .select('id')
    .where('run_id', '=', runId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row !== undefined;
}

/** Draws of a kind that are announced and still wait for their randomness. */
export async function listPendingDraws(
  db: Executor,
  assemblyId: string,
  kind: DrawKind,
): Promise<PublicDrawSummary[]> {
  const rows = await summariesWithRunKind(db)
    .where('public_draws.assembly_id', '=', assemblyId)
    .where('public_draws.kind', '=', kind)
    .where('public_draws.seed', 'is', null)
    .execute();
  return rows.map(decodeSummary);
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
