/**
 * Selection runs: one row per run of the engine (a selection or a replacement round), from queued to
 * its end. The database allows one queued or running run per assembly (a partial unique index), so
 * two organisers starting at once cannot both succeed.
 *
 * A run's settings, progress, error and result are stored as JSON; they are decoded here. The result
 * (the selection file) can be large — up to the run's result limit, 256 MiB by default — so it is
 * read only by the functions that need it: `findRun` leaves it out, `findRunResult` decodes it,
 * `findRunPool` decodes only the pool, and `findRunResultText` hands the stored text to the download,
 * which streams it without building the file in memory.
 */
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import type { SelectionRunsTable } from '../db/schema.ts';
import { targetKinds } from '../domain/targets.ts';
import type { Algorithm } from '../sortition/model.ts';
import type { SelectionFile } from '../sortition/selection-file.ts';
import type { Executor } from './executor.ts';
import { readStoredJson, readStoredJsonOrNull } from './stored-json.ts';
import { populationSharesSchema, targetDefinitionSchema } from './targets.ts';

/** A run as stored, its JSON columns as text: for inserting a run, and for tests that copy one. */
export type SelectionRunRow = Selectable<SelectionRunsTable>;

export const activeRunStatuses = ['queued', 'running'] as const;
export const finalRunStatuses = ['done', 'infeasible', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof activeRunStatuses)[number] | (typeof finalRunStatuses)[number];

const algorithms = ['leximin', 'maximin', 'nash', 'legacy'] as const satisfies readonly Algorithm[];

/** What the `settings` column of a run holds. */
const runSettingsSchema = z.object({
  algorithm: z.enum(algorithms),
  panelSize: z.number(),
  /** Panels of the lottery for the public draw; null for LEGACY, which has no distribution to round. */
  lotterySize: z.number().nullable(),
  seed: z.string().nullable(),
  /** Kept members (replacement rounds). */
  keep: z.array(z.string()),
  targetsKind: z.enum(targetKinds),
  /**
   * The targets as the organiser typed them (percentages stay percentages), so that the run's advice
   * can be given in the unit typed. Absent in runs started before it was stored.
   */
  targetsDefinition: targetDefinitionSchema.optional(),
  /** Point targets: the tolerance the run allowed above the smallest deviation. Absent before 0033. */
  pointTolerance: z.number().optional(),
  /** Population shares when the run started, for the representativeness charts. */
  population: populationSharesSchema,
  poolSize: z.number(),
  /** SHA-256 of the engine input, so a stored input can be matched with its run. */
  inputSha256: z.string(),
});
export type RunSettings = z.output<typeof runSettingsSchema>;

/** The stages a run goes through: the job's own (start, save) around the engine's phases. */
export const runPhases = [
  'start',
  'prepare',
  'initial-panels',
  'leximin',
  'maximin',
  'nash',
  'legacy',
  'decompose',
  'done',
  'save',
] as const;
export type RunPhase = (typeof runPhases)[number];

/** What the `progress` column of an active run holds. */
const runProgressSchema = z.object({
  phase: z.enum(runPhases),
  /** Share of the stage done, 0..1. */
  fraction: z.number(),
  at: z.string().optional(),
});
export type RunProgress = z.output<typeof runProgressSchema>;

/** What the `error` column of a failed run holds. */
const runErrorSchema = z.object({
  /** `too_large`: the result is larger than a run may store; `saving`: storing the result failed. */
  code: z.enum(['interrupted', 'input', 'engine', 'too_large', 'saving']),
  message: z.string().optional(),
  /** For `input`: the engine's code and the values its message needs (catalogue area `engine`). */
  input: z
    .object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
  /** For `too_large`: the result's size and the limit, in bytes. */
  params: z.object({ bytes: z.number(), limit: z.number() }).optional(),
});
export type RunError = z.output<typeof runErrorSchema>;

/** A run as pages and commands use it: its JSON columns decoded, its result left out. */
export interface SelectionRun extends Omit<SelectionRunsTable, 'settings' | 'progress' | 'error' | 'result'> {
  settings: RunSettings;
  progress: RunProgress | null;
  error: RunError | null;
  /** Queued or running. */
  active: boolean;
  /** Whether the run stored a result (read with `findRunResult`). */
  hasResult: boolean;
}

const finding = z.looseObject({
  category: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
  suggestion: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
const recordedPerson = z.looseObject({
  id: z.string(),
  features: z.record(z.string(), z.string()),
  household: z.string().optional(),
});
const quota = z.looseObject({
  feature: z.string(),
  value: z.string(),
  min: z.number(),
  max: z.number(),
  minFlex: z.number().optional(),
  maxFlex: z.number().optional(),
  source: z.looseObject({ file: z.string(), row: z.number().optional() }).optional(),
});
const engineTargets = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('quotas'), quotas: z.array(quota) }),
  z.looseObject({
    kind: z.literal('points'),
    features: z.array(
      z.looseObject({
        feature: z.string(),
        weight: z.number(),
        values: z.array(z.looseObject({ value: z.string(), target: z.number() })),
      }),
    ),
    tolerance: z.number().optional(),
  }),
]);
const probabilities = z.record(z.string(), z.number());

/**
 * Lists of lists checked element by element without zod's per-element machinery: a large run's file
 * holds hundreds of thousands of them (the lottery's panels, the type panels' seat counts), and a
 * schema per element would make reading the run page several times slower than parsing the JSON.
 */
function listsOf<T>(isItem: (item: unknown) => item is T, what: string) {
  return z.custom<T[][]>(
    (value) => Array.isArray(value) && value.every((list) => Array.isArray(list) && list.every(isItem)),
    `expected lists of ${what}`,
  );
}
const isString = (item: unknown): item is string => typeof item === 'string';
const isSeatCount = (item: unknown): item is [number, number] =>
  Array.isArray(item) && item.length === 2 && typeof item[0] === 'number' && typeof item[1] === 'number';

/**
 * The selection file a finished run stores (see sortition/selection-file.ts). Unknown fields are
 * kept, so that a file read here is the file the run wrote. Files from before type panels have no
 * `types`/`typePanels` (but `panels` of named people): they read with an empty type distribution.
 */
const selectionFileSchema = z.looseObject({
  status: z.enum(['ok', 'infeasible']),
  algorithm: z.enum(algorithms),
  engine: z.looseObject({ name: z.string(), version: z.string() }),
  input: z.looseObject({
    people: z.array(recordedPerson),
    targets: engineTargets,
    panelSize: z.number(),
    keep: z.array(z.string()),
  }),
  probabilities,
  types: listsOf(isString, 'person ids').default([]),
  typePanels: z
    .array(
      z.looseObject({
        probability: z.number(),
        counts: z.custom<[number, number][]>((v) => Array.isArray(v) && v.every(isSeatCount)),
      }),
    )
    .default([]),
  panels: z.array(z.looseObject({ probability: z.number(), members: z.array(z.string()) })).optional(),
  diagnostics: z.array(finding),
  warnings: z.array(finding),
  relaxation: z
    .array(
      z.looseObject({
        feature: z.string(),
        value: z.string(),
        bound: z.enum(['min', 'max']),
        from: z.number(),
        to: z.number(),
      }),
    )
    .optional(),
  excluded: z.array(z.looseObject({ id: z.string(), code: z.string(), reason: z.string() })),
  lottery: z
    .looseObject({
      size: z.number(),
      panels: listsOf(isString, 'person ids'),
      probabilities,
      maxDeviation: z.number(),
    })
    .optional(),
  deviation: z.looseObject({ best: z.number(), allowed: z.number() }).optional(),
  run: z.looseObject({
    stats: z.looseObject({
      types: z.number(),
      lpSolves: z.number(),
      milpSolves: z.number(),
      columns: z.number(),
      seconds: z.number(),
    }),
    levels: z
      .array(
        z.looseObject({
          value: z.number(),
          bound: z.number(),
          typesFixed: z.number(),
          peopleFixed: z.number(),
          provedBy: z.enum(['relaxation', 'pricing']),
        }),
      )
      .optional(),
  }),
}) satisfies z.ZodType<SelectionFile>;

/** Only the pool of a stored selection file: who the run chose from, and how many seats. */
const runPoolSchema = z.object({
  input: z.object({ people: z.array(z.object({ id: z.string() })), panelSize: z.number() }),
});

const runColumns = [
  'id',
  'assembly_id',
  'kind',
  'status',
  'settings',
  'engine_version',
  'progress',
  'error',
  'cancel_requested',
  'created_at',
  'started_at',
  'finished_at',
  'created_by',
] as const;

type StoredRun = Omit<SelectionRunRow, 'result'> & { has_result: number | boolean | string };

function decodeRun(row: StoredRun): SelectionRun {
  const { has_result, ...rest } = row;
  return {
    ...rest,
    settings: readStoredJson(runSettingsSchema, row.settings, 'selection run settings'),
    progress: readStoredJsonOrNull(runProgressSchema, row.progress, 'selection run progress'),
    error: readStoredJsonOrNull(runErrorSchema, row.error, 'selection run error'),
    active: (activeRunStatuses as readonly string[]).includes(row.status),
    hasResult: Number(has_result) === 1 || has_result === true,
  };
}

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

function selectRuns(db: Executor) {
  return db
    .selectFrom('selection_runs')
    .select(runColumns)
    .select((eb) => eb.case().when('result', 'is not', null).then(1).else(0).end().as('has_result'));
}

/** A run, without its result. */
export async function findRun(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<SelectionRun | undefined> {
  const row = await selectRuns(db)
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', runId)
    .executeTakeFirst();
  return row ? decodeRun(row) : undefined;
}

/**
 * A run's status and its selection file decoded (null while it has none); not its settings, which
 * the public draw, the one other reader of results, does not need.
 */
export async function findRunResult(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<{ id: string; status: string; result: SelectionFile | null } | undefined> {
  const row = await db
    .selectFrom('selection_runs')
    .select(['id', 'status', 'result'])
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, result: readStoredJsonOrNull(selectionFileSchema, row.result, 'selection result') };
}

/** Only the kept members of a run's settings, read as far as they are stored (none before they were). */
const keptSchema = z.object({ keep: z.array(z.string()).default([]) });

/** A run's kind and the members it kept (a replacement round's confirmed members). */
export async function findRunKeep(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<{ id: string; kind: string; keep: string[] } | undefined> {
  const row = await db
    .selectFrom('selection_runs')
    .select(['id', 'kind', 'settings'])
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    keep: readStoredJson(keptSchema, row.settings, 'selection run settings').keep,
  };
}

/**
 * Who a finished run chose from and how many seats it filled, read from its selection file without
 * decoding the rest (the distribution and the lottery are most of a large file).
 */
export async function findRunPool(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<{ people: string[]; panelSize: number } | undefined> {
  const text = await findRunResultText(db, assemblyId, runId);
  if (text === null) return undefined;
  const { input } = readStoredJson(runPoolSchema, text, 'selection result');
  return { people: input.people.map((p) => p.id), panelSize: input.panelSize };
}

/**
 * The selection file exactly as stored, or null. Only for handing the file on as it is (the
 * download, which streams it in pieces): decoding a file of hundreds of megabytes would build the
 * whole object graph in memory, several times its size, just to write it out again.
 */
export async function findRunResultText(
  db: Executor,
  assemblyId: string,
  runId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('selection_runs')
    .select('result')
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', runId)
    .executeTakeFirst();
  return row?.result ?? null;
}

/** The run as stored, its JSON columns as text: for tests that inspect or copy a stored run. */
export function findStoredRun(
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

/** The queued or running run of an assembly, if any: only which it is, for refusing a second. */
export function findActiveRun(
  db: Executor,
  assemblyId: string,
): Promise<Pick<SelectionRunRow, 'id' | 'status'> | undefined> {
  return db
    .selectFrom('selection_runs')
    .select(['id', 'status'])
    .where('assembly_id', '=', assemblyId)
    .where('status', 'in', [...activeRunStatuses])
    .executeTakeFirst();
}

/** A run as lists of an assembly's runs show it. */
export interface RunListItem
  extends Pick<
    SelectionRun,
    'id' | 'kind' | 'status' | 'engine_version' | 'created_at' | 'finished_at' | 'created_by'
  > {
  created_by_name: string | null;
}

function selectRunList(db: Executor, assemblyId: string) {
  return db
    .selectFrom('selection_runs')
    .leftJoin('accounts', 'accounts.id', 'selection_runs.created_by')
    .select([
      'selection_runs.id',
      'selection_runs.kind',
      'selection_runs.status',
      'selection_runs.engine_version',
      'selection_runs.created_at',
      'selection_runs.finished_at',
      'selection_runs.created_by',
      'accounts.display_name as created_by_name',
    ])
    .where('selection_runs.assembly_id', '=', assemblyId)
    .orderBy('selection_runs.created_at', 'desc')
    .orderBy('selection_runs.id');
}

/** Runs of an assembly, newest first, without their settings and (possibly large) results. */
export function listRuns(db: Executor, assemblyId: string): Promise<RunListItem[]> {
  return selectRunList(db, assemblyId).execute();
}

/**
 * The assembly's finished runs with their selection files decoded, newest first: the runs a public
 * draw can be made from. Each file holds its pool and lottery, so this reads what it needs only.
 */
export async function listFinishedRunResults(
  db: Executor,
  assemblyId: string,
): Promise<
  { id: string; kind: string; created_at: string; finished_at: string | null; result: SelectionFile | null }[]
> {
  const rows = await db
    .selectFrom('selection_runs')
    .select(['id', 'kind', 'created_at', 'finished_at', 'result'])
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'done')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    ...row,
    result: readStoredJsonOrNull(selectionFileSchema, row.result, 'selection result'),
  }));
}

/** The same with each run's settings, for the list of runs on the selection page. */
export async function listRunsWithSettings(
  db: Executor,
  assemblyId: string,
): Promise<(RunListItem & { settings: RunSettings })[]> {
  const rows = await selectRunList(db, assemblyId).select('selection_runs.settings').execute();
  return rows.map((row) => ({
    ...row,
    settings: readStoredJson(runSettingsSchema, row.settings, 'selection run settings'),
  }));
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

export async function setProgress(db: Executor, runId: string, progress: RunProgress): Promise<void> {
  await db
    .updateTable('selection_runs')
    .set({ progress: JSON.stringify(progress) })
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

/**
 * Ends an active run; false when it had already ended (a restart marked it failed, say). The result
 * comes as the stored text: the job measures it piece by piece against the limit before it is one
 * string (see commands/selection-runs.ts).
 */
export async function finishRun(
  db: Executor,
  runId: string,
  end: { status: RunStatus; result: string | null; error: RunError | null; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('selection_runs')
    .set({
      status: end.status,
      result: end.result,
      error: end.error === null ? null : JSON.stringify(end.error),
      finished_at: end.at,
    })
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
