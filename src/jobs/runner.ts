/**
 * Running jobs: one claimed job from start to end (heartbeat, progress, cancel, result or failure,
 * retry where the kind allows), the runner inside a process (the server's own, on SQLite and by
 * default on PostgreSQL), and the sweep that finds jobs whose worker died. Whoever notices a job
 * without heartbeat (a runner, a `lotta worker`, a server starting) retries it or ends it as failed
 * with the reason, so no job stays "running" forever.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/connect.ts';
import { log } from '../log.ts';
import {
  addQueueJob,
  claimJob,
  dueJobIds,
  finishJob,
  hasQueue,
  type Job,
  jobCancelRequested,
  listStaleJobs,
  nextRunAfter,
  requeueJob,
  setJobProgress,
  touchJobs,
} from '../repositories/jobs.ts';
import { JobCancelled, type JobContext, JobFailure, type JobFailureReason, jobInput } from './job-kind.ts';
import { findJobKind } from './kinds.ts';

/** Names this process in `locked_by`: host, process id and a nonce (process ids are reused). */
export const workerName = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export interface JobTimings {
  /** A running job not heard from for this long is taken to have lost its worker. */
  staleMillis: number;
  /** How often a running job tells it is alive. */
  heartbeatMillis: number;
}

/** From LOTTA_JOB_STALE_SECONDS (default 30); the heartbeat comes five times within that. */
export function jobTimings(): JobTimings {
  const seconds = Number(process.env.LOTTA_JOB_STALE_SECONDS ?? 30);
  const staleMillis = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
  return { staleMillis, heartbeatMillis: Math.max(200, Math.floor(staleMillis / 5)) };
}

/** The longest delay a Node timer keeps (2^31-1 ms); a longer one fires after 1 ms. */
const longestTimerMillis = 2_147_483_647;
const progressMillis = 1000;

function now(): string {
  return new Date().toISOString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits between attempts: 2, 4, 8 … seconds. */
function backoff(attempt: number): string {
  return new Date(Date.now() + 2 ** Math.min(attempt, 10) * 1000).toISOString();
}

/** Puts a job back in the queue for a later attempt (and, on PostgreSQL, in graphile-worker's queue). */
async function requeue(
  database: Database,
  job: Job,
  held: { lockedBy: string | null; heartbeatAt?: string | null },
  runAfter: string,
  reason: JobFailureReason,
  handBack = false,
): Promise<boolean> {
  return database.db.transaction().execute(async (trx) => {
    if (!(await requeueJob(trx, job.id, held, runAfter, reason, handBack))) return false;
    if (await hasQueue(trx, database.dialect)) await addQueueJob(trx, job.id, runAfter);
    return true;
  });
}

/**
 * The input to store once the job has ended, when the kind keeps only part of it; undefined to leave
 * it as it is (also when it does not read as the kind's input: then there is nothing to pick from).
 */
function keptInput(job: Job, narrowed?: { input: unknown }): unknown {
  const kind = findJobKind(job.kind);
  if (!kind?.keptInput) return undefined;
  if (narrowed) return kind.keptInput(narrowed.input);
  try {
    return kind.keptInput(jobInput(kind, job));
  } catch {
    return undefined;
  }
}

async function giveUp(
  database: Database,
  job: Job,
  lockedBy: string | null,
  reason: JobFailureReason,
): Promise<void> {
  const ended = await finishJob(database.db, job.id, lockedBy, {
    status: 'failed',
    error: reason,
    at: now(),
    input: keptInput(job),
  });
  if (!ended) return;
  log.warn({ job: job.id, kind: job.kind, reason: reason.code }, 'job failed');
  await findJobKind(job.kind)?.abandoned?.(database, job, reason);
}

/**
 * Runs a job this worker has just claimed, to its end. Never rejects: what goes wrong is the job's
 * failure, recorded with its reason.
 */
export async function runClaimedJob(
  database: Database,
  dataDir: string,
  job: Job,
  signal: AbortSignal,
  timings: JobTimings = jobTimings(),
): Promise<void> {
  const db = database.db;
  const kind = findJobKind(job.kind);
  if (!kind) {
    await giveUp(database, job, workerName, { code: 'unknown_kind', message: job.kind }).catch(() => {});
    return;
  }
  let input: unknown;
  try {
    input = jobInput(kind, job);
  } catch (error) {
    // Queued by a version of Lotta whose input this one does not read: running again would not help.
    await giveUp(database, job, workerName, { code: 'bad_input', message: describe(error) }).catch(() => {});
    return;
  }
  const heartbeat = setInterval(() => {
    touchJobs(db, [job.id], workerName, now()).catch((error: unknown) =>
      log.error({ job: job.id, error: describe(error) }, 'job heartbeat failed'),
    );
  }, timings.heartbeatMillis);
  heartbeat.unref();

  const progress = progressWriter(db, job.id);
  const ctx: JobContext<unknown> = {
    jobId: job.id,
    input,
    database,
    dataDir,
    attempt: job.attempts,
    maxAttempts: job.max_attempts,
    reportProgress: progress.report,
    isCancelled: () => jobCancelRequested(db, job.id),
    signal,
  };

  try {
    const result = await kind.handle(ctx);
    await progress.settle();
    await finishJob(db, job.id, workerName, {
      status: 'done',
      result,
      error: null,
      at: now(),
      input: keptInput(job, { input }),
    });
  } catch (error) {
    await progress.settle();
    try {
      await recordEnd(database, job, { input }, error, signal);
    } catch (failure) {
      log.error({ job: job.id, error: describe(failure) }, 'recording a job failure failed');
    }
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Stores a running job's progress for every process to read: at most once a second, but at once when
 * the stage changes, one write after the other. `settle` writes the latest and waits for the writes.
 */
function progressWriter(db: Database['db'], jobId: string) {
  let latest: { fraction: number; stage: string | null } | null = null;
  let writtenStage: string | null | undefined;
  let lastWritten = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const progress = latest;
    if (progress === null) return;
    latest = null;
    lastWritten = Date.now();
    writtenStage = progress.stage;
    writing = writing.then(() =>
      setJobProgress(db, jobId, workerName, { ...progress, at: now() }).catch((error: unknown) =>
        log.error({ job: jobId, error: describe(error) }, 'storing job progress failed'),
      ),
    );
  };
  return {
    report(fraction: number, stage?: string) {
      latest = { fraction, stage: stage ?? null };
      if (latest.stage !== writtenStage || Date.now() - lastWritten >= progressMillis) flush();
    },
    async settle() {
      flush();
      await writing;
    },
  };
}

/**
 * How a handler that threw ends its job: cancelled; handed back at shutdown; queued again after a
 * pause where the kind allows; or failed with the reason.
 */
async function recordEnd(
  database: Database,
  job: Job,
  narrowed: { input: unknown },
  error: unknown,
  signal: AbortSignal,
): Promise<void> {
  if (error instanceof JobCancelled) {
    await finishJob(database.db, job.id, workerName, {
      status: 'cancelled',
      error: null,
      at: now(),
      input: keptInput(job, narrowed),
    });
    return;
  }
  const reason: JobFailureReason =
    error instanceof JobFailure
      ? { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }
      : { code: 'error', message: describe(error) };
  const retry = error instanceof JobFailure ? error.retry : !signal.aborted;
  // A handler this process stopped to shut down, which says it can go on elsewhere: handed back
  // to the queue at once, without using up an attempt (another worker, or this server after its
  // restart, takes it).
  if (retry && signal.aborted) {
    log.info({ job: job.id, kind: job.kind }, 'job handed back at shutdown');
    if (await requeue(database, job, { lockedBy: workerName }, now(), reason, true)) return;
  }
  if (retry && job.attempts < job.max_attempts && !signal.aborted) {
    log.warn(
      { job: job.id, kind: job.kind, attempt: job.attempts, reason: reason.code },
      'job will be retried',
    );
    if (await requeue(database, job, { lockedBy: workerName }, backoff(job.attempts), reason)) return;
  }
  await giveUp(database, job, workerName, reason);
}

/**
 * Jobs whose worker has not been heard from for `staleMillis`: tried again where the kind allows and
 * attempts are left, otherwise ended as failed ("worker_lost"). Returns how many were found.
 */
export async function sweepStaleJobs(database: Database, staleMillis: number): Promise<number> {
  const before = new Date(Date.now() - staleMillis).toISOString();
  const stale = await listStaleJobs(database.db, before);
  for (const job of stale) {
    const reason: JobFailureReason = {
      code: 'worker_lost',
      message: `no heartbeat from ${job.locked_by ?? 'its worker'} since ${job.heartbeat_at ?? job.started_at}`,
    };
    if (job.attempts < job.max_attempts && job.cancel_requested === 0) {
      const held = { lockedBy: job.locked_by, heartbeatAt: job.heartbeat_at };
      if (await requeue(database, job, held, now(), reason)) {
        log.warn({ job: job.id, kind: job.kind, attempt: job.attempts }, 'job of a lost worker queued again');
        continue;
      }
    }
    await giveUp(database, job, job.locked_by, reason);
  }
  return stale.length;
}

/** Runs queued jobs inside this process, up to `concurrency` at a time. */
class LocalRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly aborter = new AbortController();
  private stopped = false;
  private claiming: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    private readonly dataDir: string,
    private readonly concurrency: number,
  ) {}

  wake(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.claim()
      .catch((error: unknown) => log.error({ error: describe(error) }, 'claiming jobs failed'))
      .finally(() => {
        this.claiming = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async claim(): Promise<void> {
    const db = this.database.db;
    while (!this.stopped && this.running.size < this.concurrency) {
      const ids = await dueJobIds(db, now(), this.concurrency);
      let claimed = false;
      for (const id of ids) {
        if (this.stopped || this.running.size >= this.concurrency) break;
        const job = await claimJob(db, id, workerName, now());
        if (!job) continue;
        claimed = true;
        const done = runClaimedJob(this.database, this.dataDir, job, this.aborter.signal).finally(() => {
          this.running.delete(job.id);
          this.wake();
        });
        this.running.set(job.id, done);
      }
      if (!claimed) break;
    }
    // A job waiting for its next attempt: look again when it is due.
    const next = await nextRunAfter(db);
    if (next !== undefined && !this.stopped) {
      if (this.timer) clearTimeout(this.timer);
      // A timer holds at most 2^31-1 ms (about 24.8 days) and fires at once when asked for more:
      // a job further ahead is looked at again after the longest wait, not in a loop.
      const wait = Math.min(longestTimerMillis, Math.max(50, Date.parse(next) - Date.now() + 10));
      this.timer = setTimeout(() => this.wake(), wait);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.aborter.abort();
    await this.claiming;
    await Promise.all(this.running.values());
  }
}

const runners = new Map<Database, LocalRunner>();

/** In-process job slots: LOTTA_WORKERS (default 2); 0 makes this process only queue jobs. */
export function localConcurrency(): number {
  const value = Number(process.env.LOTTA_WORKERS ?? 2);
  return Number.isInteger(value) && value >= 0 ? value : 2;
}

/**
 * Starts this process's runner for the database (once) and looks for due jobs. Without an explicit
 * start, the first queued job starts one with the defaults.
 */
export function startJobRunner(
  database: Database,
  options: { dataDir?: string; concurrency?: number } = {},
): void {
  const concurrency = options.concurrency ?? localConcurrency();
  if (concurrency === 0) return;
  let runner = runners.get(database);
  if (!runner) {
    runner = new LocalRunner(database, options.dataDir ?? process.env.LOTTA_DATA_DIR ?? 'data', concurrency);
    runners.set(database, runner);
  }
  runner.wake();
}

/** A command has just queued a job: this process's runner (if it runs jobs) takes it at once. */
export function wakeJobRunner(database: Database): void {
  startJobRunner(database);
}

/** Wakes this process's runner for the database if it has one (a `lotta worker` process has none). */
export function nudgeJobRunner(database: Database): void {
  runners.get(database)?.wake();
}

/** Stops every runner of this process; running jobs are told to stop and end before this settles. */
export async function stopJobRunners(database?: Database): Promise<void> {
  const stopping = [...runners.entries()].filter(([db]) => database === undefined || db === database);
  for (const [db] of stopping) runners.delete(db);
  await Promise.all(stopping.map(([, runner]) => runner.stop()));
}
