/**
 * Jobs: one row per long task, from queued to its end. Claiming is one conditional update, so two
 * workers (threads of one process or processes on several machines) never both take the same job. On
 * PostgreSQL a job is also handed to graphile-worker's queue, in the same transaction as its row, so
 * that a worker process hears of it at once (LISTEN/NOTIFY) and no job is queued without its row.
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Dialect } from '../db/dialect.ts';
import type { JobsTable } from '../db/schema.ts';
import type { Executor } from './executor.ts';
import { readStoredJson, readStoredJsonOrNull, StoredDataError } from './stored-json.ts';

/**
 * A job's row as stored, its JSON columns still text: what the runner claims and `findJob` hands to
 * tests that inspect the row itself. Everything else reads decoded `Job`s.
 */
export type JobRow = Selectable<JobsTable>;
export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const activeJobStatuses = ['queued', 'running'] as const;

/**
 * Why a job failed, as the runner stores it in `error` (also kept while a job waits for its next
 * attempt: why the last one failed). `details` is what the kind's page needs to explain it (message
 * keys, fields; never personal data).
 */
export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type JobError = z.output<typeof jobErrorSchema>;

/** How far a job has come, as its handler last reported it (stored, thinned, by the runner). */
export interface StoredJobProgress {
  /** 0..1. */
  fraction: number;
  /** What the handler was doing, in its own words (e.g. `rows`), or null. */
  stage: string | null;
}

/**
 * A job as commands and pages use it: its JSON columns decoded. `input` and `result` are the decoded
 * JSON with no type yet: only the job's kind knows their shape, and narrows them with its own schemas
 * (`inputSchema`, `resultSchema`: see src/jobs/job-kind.ts).
 */
export interface Job extends Omit<JobRow, 'status' | 'input' | 'result' | 'error' | 'progress' | 'stage'> {
  status: JobStatus;
  /** What the job was queued with; once it has ended, what its kind chose to keep of it. */
  input: unknown;
  /** The handler's result once done; null before (and for a handler that returned nothing). */
  result: unknown;
  error: JobError | null;
  /** Null until the handler first reports progress. */
  progress: StoredJobProgress | null;
}

const jobStatusSchema = z.enum(jobStatuses);

export function decodeJob(row: JobRow): Job {
  const { stage, ...rest } = row;
  const status = jobStatusSchema.safeParse(row.status);
  if (!status.success) throw new StoredDataError('job status', status.error);
  return {
    ...rest,
    status: status.data,
    input: readStoredJson(z.unknown(), row.input, 'job input'),
    result: readStoredJsonOrNull(z.unknown(), row.result, 'job result'),
    error: readStoredJsonOrNull(jobErrorSchema, row.error, 'job error'),
    progress: row.progress === null ? null : { fraction: Number(row.progress), stage },
  };
}

/** The graphile-worker task every Lotta job goes through; its payload is `{ jobId }`. */
export const queueTask = 'lotta_job';

export async function insertJob(db: Executor, row: Insertable<JobsTable>): Promise<void> {
  await db.insertInto('jobs').values(row).execute();
}

/** Whether graphile-worker's schema is installed (by `lotta serve` or `lotta worker` on PostgreSQL). */
export async function hasQueue(db: Executor, dialect: Dialect): Promise<boolean> {
  if (dialect !== 'postgres') return false;
  const r = await sql<{ present: boolean }>`
    select exists(
      select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'graphile_worker' and p.proname = 'add_job'
    ) as present`.execute(db);
  return r.rows[0]?.present === true;
}

/** Hands the job to graphile-worker's queue (PostgreSQL), to run no earlier than `runAt`. */
export async function addQueueJob(db: Executor, jobId: string, runAt: string): Promise<void> {
  await sql`select graphile_worker.add_job(${queueTask}, json_build_object('jobId', ${jobId}::text),
    run_at := ${runAt}::timestamptz, max_attempts := 1)`.execute(db);
}

export function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findJobDecoded(db: Executor, id: string): Promise<Job | undefined> {
  const row = await findJob(db, id);
  return row && decodeJob(row);
}

/** queued → running for this worker; the row when it was claimed, undefined when someone else was faster. */
export async function claimJob(
  db: Executor,
  id: string,
  lockedBy: string,
  at: string,
): Promise<Job | undefined> {
  const r = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: lockedBy,
      attempts: eb('attempts', '+', 1),
      started_at: at,
      heartbeat_at: at,
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('cancel_requested', '=', 0)
    .where('run_after', '<=', at)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return undefined;
  return findJobDecoded(db, id);
}

/** Ids of queued jobs due now, oldest first. */
export async function dueJobIds(db: Executor, at: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'queued')
    .where('cancel_requested', '=', 0)
    .where('run_after', '<=', at)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The earliest moment a queued job becomes due, if any. */
export async function nextRunAfter(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_after').as('next'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return (row?.next as string | null | undefined) ?? undefined;
}

export async function touchJobs(db: Executor, ids: string[], lockedBy: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ heartbeat_at: at })
    .where('id', 'in', ids)
    .where('locked_by', '=', lockedBy)
    .where('status', '=', 'running')
    .execute();
}

export async function setJobProgress(
  db: Executor,
  id: string,
  lockedBy: string,
  progress: { fraction: number; stage: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress: progress.fraction, stage: progress.stage, heartbeat_at: progress.at })
    .where('id', '=', id)
    .where('locked_by', '=', lockedBy)
    .where('status', '=', 'running')
    .execute();
}

export async function jobCancelRequested(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('cancel_requested').where('id', '=', id).executeTakeFirst();
  return row?.cancel_requested === 1;
}

/** Sets the cancel flag of an active job; its status, or undefined when there is no active job by that id. */
export async function requestJobCancel(db: Executor, id: string): Promise<JobStatus | undefined> {
  await db
    .updateTable('jobs')
    .set({ cancel_requested: 1 })
    .where('id', '=', id)
    .where('status', 'in', [...activeJobStatuses])
    .execute();
  const row = await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
  return row && (activeJobStatuses as readonly string[]).includes(row.status)
    ? (row.status as JobStatus)
    : undefined;
}

/** queued → cancelled (nobody has started it); false when a worker claimed it meanwhile. */
export async function cancelQueuedJob(db: Executor, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Ends a job this worker holds; false when it no longer holds it (a sweep gave it to another).
 * `result` is stored as JSON when given (a handler's `undefined` as null); `input`, when given,
 * replaces the stored input with what the kind keeps of it.
 */
export async function finishJob(
  db: Executor,
  id: string,
  lockedBy: string | null,
  end: { status: JobStatus; result?: unknown; error: JobError | null; at: string; input?: unknown },
): Promise<boolean> {
  let q = db
    .updateTable('jobs')
    .set({
      status: end.status,
      result: end.status === 'done' ? JSON.stringify(end.result ?? null) : null,
      error: end.error === null ? null : JSON.stringify(end.error),
      finished_at: end.at,
      ...(end.input === undefined ? {} : { input: JSON.stringify(end.input) }),
    })
    .where('id', '=', id)
    .where('status', 'in', [...activeJobStatuses]);
  if (lockedBy !== null) q = q.where('locked_by', '=', lockedBy);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** running → queued again, for a later attempt; false when the job is no longer held as expected. */
export async function requeueJob(
  db: Executor,
  id: string,
  held: { lockedBy: string | null; heartbeatAt?: string | null },
  runAfter: string,
  /** Why this attempt failed (kept in `error` until the job ends). */
  error: JobError,
  /** The attempt does not count (the process stopped it to shut down, not the job failing). */
  handBack = false,
): Promise<boolean> {
  let q = db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      locked_by: null,
      run_after: runAfter,
      error: JSON.stringify(error),
      ...(handBack ? { attempts: eb('attempts', '-', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('status', '=', 'running');
  if (held.lockedBy !== null) q = q.where('locked_by', '=', held.lockedBy);
  if (held.heartbeatAt !== undefined) {
    q =
      held.heartbeatAt === null
        ? q.where('heartbeat_at', 'is', null)
        : q.where('heartbeat_at', '=', held.heartbeatAt);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Running jobs whose worker has not been heard from since `before`. */
export async function listStaleJobs(db: Executor, before: string): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)]))
    .execute();
  return rows.map(decodeJob);
}

/** The queued or running job of a kind in an assembly, if any. */
export async function findActiveJobOfKind(
  db: Executor,
  assemblyId: string,
  kind: string,
): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('kind', '=', kind)
    .where('status', 'in', [...activeJobStatuses])
    .executeTakeFirst();
  return row && decodeJob(row);
}

/** A job of a kind in an assembly (the page of its subject reads its state from here). */
export async function findJobOfKind(
  db: Executor,
  assemblyId: string,
  kind: string,
  id: string,
): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', id)
    .where('assembly_id', '=', assemblyId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row && decodeJob(row);
}

/** The newest job of a kind with that key that is still going or ended well. */
export async function findJobByKey(
  db: Executor,
  assemblyId: string,
  kind: string,
  key: string,
): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('kind', '=', kind)
    .where('dedupe_key', '=', key)
    .where('status', 'in', ['queued', 'running', 'done'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && decodeJob(row);
}

/** Jobs of a kind in an assembly, newest first, without their inputs' meaning (the kind reads them). */
export async function listJobsOfKind(db: Executor, assemblyId: string, kind: string): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(decodeJob);
}

/**
 * Queues a keyed job (one that stands for housekeeping, e.g. sending the due e-mails) unless one with
 * the same key is already waiting; then that one's time is brought forward to `runAfter` if that is
 * earlier. Returns the waiting job's id and when it runs. The unique index on queued job keys
 * (migration 0013) makes this hold between concurrent transactions and processes.
 */
export async function upsertKeyedJob(
  db: Executor,
  row: Insertable<JobsTable> & { job_key: string },
): Promise<{ id: string; runAfter: string; inserted: boolean }> {
  const r = await sql<{ id: string; run_after: string }>`
    insert into jobs (id, assembly_id, kind, status, input, cancel_requested, attempts, max_attempts,
      created_at, run_after, job_key)
    values (${row.id}, ${row.assembly_id ?? null}, ${row.kind}, 'queued', ${row.input}, 0, 0,
      ${row.max_attempts ?? 1}, ${row.created_at}, ${row.run_after}, ${row.job_key})
    on conflict (job_key) where status = 'queued' and job_key is not null
    do update set run_after = case when excluded.run_after < jobs.run_after
      then excluded.run_after else jobs.run_after end
    returning id, run_after`.execute(db);
  const found = r.rows[0];
  return { id: found.id, runAfter: found.run_after, inserted: found.id === row.id };
}

/** The queued job of a key, if any (at most one, by the index of migration 0013). */
export async function findQueuedKeyedJob(db: Executor, jobKey: string): Promise<Job | undefined> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('job_key', '=', jobKey)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return row && decodeJob(row);
}

/** Of these job ids, those whose job ended before `before` (their files may go). */
export async function jobsEndedBefore(
  db: Executor,
  ids: readonly string[],
  before: string,
): Promise<string[]> {
  const ended: string[] = [];
  // In slices: a statement takes a bounded number of parameters.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('jobs')
      .select('id')
      .where('id', 'in', ids.slice(start, start + 500))
      .where('status', 'in', ['done', 'failed', 'cancelled'])
      .where('finished_at', '<', before)
      .execute();
    ended.push(...rows.map((r) => r.id));
  }
  return ended;
}

/** Deletes the rows of jobs of these kinds that ended before `before`; returns how many. */
export async function deleteEndedJobs(
  db: Executor,
  kinds: readonly string[],
  before: string,
): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('kind', 'in', kinds)
    .where('status', 'in', ['done', 'failed', 'cancelled'])
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
