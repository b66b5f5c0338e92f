/**
 * Selection runs: starting one (a selection, or a replacement round that keeps the confirmed members),
 * cancelling it, and storing how it ended. The engine runs in the background (src/jobs); a run is a
 * row that goes queued → running → done / infeasible / failed / cancelled, and each start, cancel and
 * end is in the audit log. One run at a time per assembly: the database refuses a second active run.
 *
 * What is stored is pseudonymous: the selection file holds person ids (which survive erasure, so the
 * run stays verifiable) and answers, never names or addresses.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { seatProblem, seatsAfterDraw } from '../domain/seats.ts';
import { buildSelectionInput } from '../domain/selection-input.ts';
import { checkTargets } from '../domain/targets.ts';
import type { EngineOptions } from '../engine/engine-thread.ts';
import { JobCancelled, type JobContext, JobFailure, type JobKind } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import {
  checkCancelNow,
  type JobOutcome,
  type JobProgress,
  launchSelectionJob,
  stopJob,
} from '../jobs/selection-jobs.ts';
import { log } from '../log.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import { cancelQueuedJob, findJob, requestJobCancel } from '../repositories/jobs.ts';
import { seatedPeople } from '../repositories/seats.ts';
import { existingPeople, loadPool } from '../repositories/selection-pool.ts';
import {
  cancelRequested,
  findActiveRun,
  findRun,
  finishRun,
  insertRun,
  isUniqueViolation,
  listActiveRuns,
  markRunning,
  type RunError,
  type RunSettings,
  type RunStatus,
  requestCancel,
  setProgress,
} from '../repositories/selection-runs.ts';
import { compileInstance } from '../sortition/instance.ts';
import { type Algorithm, InputError, type SelectionInput } from '../sortition/model.ts';
import { jsonTextChunks, type SelectionFile, toSelectionFile } from '../sortition/selection-file.ts';
import { ENGINE_VERSION } from '../sortition/selectPanel.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { assemblyQuestions, loadTargetSettings, poolStatuses } from './targets.ts';

export const runAlgorithms: readonly Algorithm[] = ['leximin', 'maximin', 'nash', 'legacy'];
export const defaultLotterySize = 1000;
/** Monte Carlo draws for the LEGACY estimate. */
const legacySamples = 10_000;

export type RunKind = 'selection' | 'replacement';

export type { RunError, RunSettings } from '../repositories/selection-runs.ts';

/**
 * Largest stored result, in bytes of JSON. A result over 20,000 people with a lottery of 1,000 panels
 * takes about 8 MB (docs/benchmarks.md); the limit keeps a run far from what a database field or a string can hold (1 GB
 * in PostgreSQL, 2^29 characters in V8), so that such a result fails cleanly instead.
 */
export const defaultMaxResultBytes = 256 * 1024 * 1024;

export interface RunLimits {
  /** Largest stored result in bytes (default `defaultMaxResultBytes`). */
  maxResultBytes?: number;
}

export type { JobProgress, RunPhase } from '../jobs/selection-jobs.ts';

export interface SelectionSettings {
  algorithm: Algorithm;
  panelSize: number;
  lotterySize: number | null;
  seed: string | null;
}

export async function startSelectionRun(
  database: Database,
  actor: Actor,
  assemblyId: string,
  settings: SelectionSettings,
  limits: RunLimits = {},
): Promise<string> {
  return startRun(database, actor, assemblyId, 'selection', settings, [], limits);
}

/**
 * A replacement round: the pool is the kept (confirmed) members plus the registered volunteers not
 * selected; every panel contains the kept members, and the other seats are filled as fairly as the
 * targets allow, so the whole panel still meets them.
 */
export async function startReplacementRun(
  database: Database,
  actor: Actor,
  assemblyId: string,
  options: { keep: string[]; size: number; algorithm?: Algorithm; lotterySize?: number | null },
  limits: RunLimits = {},
): Promise<string> {
  return startRun(
    database,
    actor,
    assemblyId,
    'replacement',
    {
      algorithm: options.algorithm ?? 'leximin',
      panelSize: options.size,
      lotterySize: options.lotterySize === undefined ? defaultLotterySize : options.lotterySize,
      seed: null,
    },
    options.keep,
    limits,
  );
}

function checkSettings(settings: SelectionSettings): void {
  if (!runAlgorithms.includes(settings.algorithm)) throw new CommandError('selection_algorithm', 'algorithm');
  if (!Number.isInteger(settings.panelSize) || settings.panelSize < 1) {
    throw new CommandError('selection_panel_size', 'panel_size');
  }
  if (settings.algorithm === 'legacy' && !settings.seed)
    throw new CommandError('selection_seed_needed', 'seed');
  if (
    settings.algorithm !== 'legacy' &&
    settings.lotterySize !== null &&
    (!Number.isInteger(settings.lotterySize) || settings.lotterySize < 1)
  ) {
    throw new CommandError('selection_lottery_size', 'lottery_size');
  }
}

async function startRun(
  database: Database,
  actor: Actor,
  assemblyId: string,
  kind: RunKind,
  settings: SelectionSettings,
  keep: string[],
  limits: RunLimits,
): Promise<string> {
  checkSettings(settings);
  const db = database.db;
  const assembly = await findAssembly(db, assemblyId);
  if (!assembly) throw new CommandError('not_found');
  // A clear refusal before any work; the unique index below settles a race between two starts.
  if (await findActiveRun(db, assemblyId)) throw new CommandError('selection_running');

  const questions = await assemblyQuestions(db, assemblyId);
  const { settings: targets, saved, pointTolerance } = await loadTargetSettings(db, assemblyId, questions);
  if (!saved) throw new CommandError('selection_no_targets');
  if (checkTargets(targets, questions).length > 0) throw new CommandError('selection_no_targets');

  const uniqueKeep = [...new Set(keep)];
  if (uniqueKeep.length !== keep.length) throw new CommandError('selection_keep_twice');
  const known = await existingPeople(db, assemblyId, uniqueKeep);
  if (uniqueKeep.some((id) => !known.has(id))) throw new CommandError('selection_keep_unknown');
  if (uniqueKeep.length > settings.panelSize) {
    throw new CommandError('selection_keep_above_size', 'panel_size', {
      kept: uniqueKeep.length,
      size: settings.panelSize,
    });
  }

  // Its panel joins those already in a seat: refused if that overfills the panel (kept members count once).
  const seated = await seatedPeople(db, assemblyId);
  const seatsAfter = seatsAfterDraw(seated, uniqueKeep) - uniqueKeep.length + settings.panelSize;
  const seatsProblem = seatProblem(assembly.panel_size, seated.length, seatsAfter);
  if (seatsProblem) throw new CommandError(seatsProblem.code, 'panel_size', seatsProblem.params);

  const pool = await loadPool(db, assemblyId, { statuses: poolStatuses, alsoIds: uniqueKeep });
  if (settings.panelSize > pool.length) {
    throw new CommandError('selection_pool_too_small', 'panel_size', {
      size: settings.panelSize,
      pool: pool.length,
    });
  }
  const { input } = buildSelectionInput({
    pool,
    questions,
    targets,
    panelSize: settings.panelSize,
    keep: uniqueKeep,
  });
  // Point targets: the tolerance the organiser chose from the trade-off (none, the smallest deviation,
  // until she does; left out then, so that the input reads as it did before it could be chosen).
  if (input.targets.kind === 'points' && pointTolerance > 0)
    input.targets = { ...input.targets, tolerance: pointTolerance };
  try {
    // The engine would refuse the same things from its thread; here the organiser hears at once.
    compileInstance(input);
  } catch (error) {
    // The engine's error goes along, so that a page can word it in the reader's language.
    if (error instanceof InputError)
      throw Object.assign(new CommandError('selection_input', undefined, { message: error.message }), {
        cause: error,
      });
    throw error;
  }

  const lotterySize = settings.algorithm === 'legacy' ? null : settings.lotterySize;
  const stored: RunSettings = {
    algorithm: settings.algorithm,
    panelSize: settings.panelSize,
    lotterySize,
    seed: settings.seed,
    keep: uniqueKeep,
    targetsKind: targets.kind,
    targetsDefinition: targets.definition,
    ...(input.targets.kind === 'points' ? { pointTolerance } : {}),
    population: targets.population,
    poolSize: pool.length,
    inputSha256: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
  };
  const options: EngineOptions = {
    algorithm: settings.algorithm,
    ...(settings.algorithm === 'legacy'
      ? { seed: settings.seed ?? undefined, legacySamples }
      : lotterySize === null
        ? {}
        : { lotterySize }),
  };
  const runId = crypto.randomUUID();
  try {
    await inTransaction(database, async (trx, audit) => {
      const at = now();
      await insertRun(trx, {
        id: runId,
        assembly_id: assemblyId,
        kind,
        status: 'queued',
        settings: JSON.stringify(stored),
        engine_version: ENGINE_VERSION,
        result: null,
        progress: null,
        error: null,
        cancel_requested: 0,
        created_at: at,
        started_at: null,
        finished_at: null,
        created_by: actorId(actor),
      });
      // The job carries the engine's input as it was when the run started, so that whichever
      // process runs it (or runs it again) computes exactly what was asked for.
      await enqueueJob(trx, database, selectionJob, {
        id: runId,
        assemblyId,
        input: {
          runId,
          assemblyId,
          input,
          options,
          maxResultBytes: limits.maxResultBytes ?? defaultMaxResultBytes,
        },
        at,
      });
      await audit({
        actorId: actorId(actor),
        assemblyId,
        action: 'selection.start',
        subjectType: 'selection_run',
        subjectId: runId,
        details: {
          kind,
          algorithm: stored.algorithm,
          panelSize: stored.panelSize,
          pool: stored.poolSize,
          kept: uniqueKeep.length,
          lotterySize,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new CommandError('selection_running');
    throw error;
  }
  wakeJobRunner(database);
  return runId;
}

/**
 * Asks a queued or running run to stop; its job notices within about a second, in whichever process
 * runs it. A run whose job has not started yet (or that has no job) ends as cancelled at once, so
 * that the assembly is free again.
 */
export async function cancelSelectionRun(
  database: Database,
  actor: Actor,
  assemblyId: string,
  runId: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const run = await findRun(trx, assemblyId, runId);
    if (!run) throw new CommandError('not_found');
    if (!(await requestCancel(trx, runId))) throw new CommandError('selection_not_active');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'selection.cancel',
      subjectType: 'selection_run',
      subjectId: runId,
      details: { kind: run.kind },
    });
    // A running job (in this process or another) notices the flag; a job nobody has claimed yet, or a
    // run without a job, would never notice it: the run ends as cancelled at once.
    const job = await requestJobCancel(trx, runId);
    if (job === 'running') return;
    if (job === 'queued' && !(await cancelQueuedJob(trx, runId, now()))) return;
    if (await finishRun(trx, runId, { status: 'cancelled', result: null, error: null, at: now() })) {
      await audit({
        actorId: 'system',
        assemblyId,
        action: 'selection.finish',
        subjectType: 'selection_run',
        subjectId: runId,
        details: { status: 'cancelled', orphaned: true },
      });
    }
  });
  checkCancelNow(runId);
}

interface SelectionJobInput {
  runId: string;
  assemblyId: string;
  input: SelectionInput;
  options: EngineOptions;
  maxResultBytes: number;
}

/**
 * The job behind a run: the engine in a worker thread (src/jobs/selection-jobs.ts), its progress
 * stored on the run for its page, its outcome stored once at the end. Running it again is safe (the
 * outcome is written once, at the end), so a run whose worker died is tried once more.
 */
export const selectionJob: JobKind<SelectionJobInput, { status: RunStatus } | null> = {
  name: 'selection',
  maxAttempts: 2,
  async handle(ctx: JobContext<SelectionJobInput>) {
    const { runId, assemblyId, input, options, maxResultBytes } = ctx.input;
    const db = ctx.database.db;
    let ended: JobOutcome | null = null;
    const stop = () => stopJob(runId);
    ctx.signal.addEventListener('abort', stop);
    try {
      const running = launchSelectionJob({
        id: runId,
        input,
        options,
        started: () => markRunning(db, runId, now()),
        progress: (progress: JobProgress) => {
          ctx.reportProgress(progress.fraction, progress.phase);
          return setProgress(db, runId, { phase: progress.phase, fraction: progress.fraction, at: now() });
        },
        cancelRequested: () => cancelRequested(db, runId),
        finished: async (outcome) => {
          ended = outcome;
          // Stopped because this process shuts down: the run stays active and its job goes back to
          // the queue, to run again in another worker or after the restart.
          if (outcome.kind === 'interrupted' && ctx.signal.aborted) return;
          await finishSelectionRun(ctx.database, assemblyId, runId, input, outcome, { maxResultBytes });
        },
      });
      // The process began shutting down as the job started, before it could hear of it.
      if (ctx.signal.aborted) stop();
      await running;
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
    const outcome = ended as JobOutcome | null;
    if (outcome === null) return null;
    if (outcome.kind === 'interrupted') throw new JobFailure('interrupted', undefined, ctx.signal.aborted);
    // The job ends as its run did, so that the jobs table tells the same story.
    const run = await findRun(db, assemblyId, runId);
    if (run?.status === 'cancelled') throw new JobCancelled();
    if (!run || run.status === 'failed') {
      const error: RunError = run?.error ?? { code: 'engine' };
      throw new JobFailure(error.code, error.message);
    }
    return { status: run.status as RunStatus };
  },
  // The pool and targets are the run's input, hashed into its settings; the ended job keeps the ids.
  keptInput: ({ runId, assemblyId }) => ({ runId, assemblyId }),
  async abandoned(database, job) {
    const { runId, assemblyId } = selectionJobIds.parse(job.input);
    await endInterruptedRun(database, { id: runId, assembly_id: assemblyId });
  },
};

/** What `abandoned` reads of a selection job's input (all of it, or what `keptInput` kept). */
const selectionJobIds = z.object({ runId: z.string(), assemblyId: z.string() });

class ResultTooLarge extends Error {
  constructor(readonly bytes: number) {
    super('result too large');
  }
}

/**
 * The selection file as stored: compact JSON, measured piece by piece so that a result over the
 * limit is refused before it is ever one string.
 */
function storedResult(file: SelectionFile, limit: number): string {
  const pieces: string[] = [];
  let bytes = 0;
  for (const piece of jsonTextChunks(file, { compact: true })) {
    bytes += Buffer.byteLength(piece, 'utf8');
    if (bytes > limit) throw new ResultTooLarge(bytes);
    pieces.push(piece);
  }
  return pieces.join('');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Stores how a run ended: the selection file for a result, the reason for a failure. Whatever goes
 * wrong after the engine (building, measuring or writing the result) ends the run as failed with its
 * reason rather than leaving it active, which would block every new run of the assembly.
 */
async function finishSelectionRun(
  database: Database,
  assemblyId: string,
  runId: string,
  input: SelectionInput,
  outcome: JobOutcome,
  limits: { maxResultBytes: number },
): Promise<void> {
  let status: RunStatus;
  let result: string | null = null;
  let error: RunError | null = null;
  const details: Record<string, unknown> = {};
  switch (outcome.kind) {
    case 'result': {
      status = outcome.result.status === 'ok' ? 'done' : 'infeasible';
      details.seconds = Math.round(outcome.result.stats.seconds * 10) / 10;
      details.excluded = outcome.result.excluded.length;
      try {
        result = storedResult(
          toSelectionFile(outcome.result, input, ENGINE_VERSION, []),
          limits.maxResultBytes,
        );
      } catch (failure) {
        status = 'failed';
        error =
          failure instanceof ResultTooLarge
            ? { code: 'too_large', params: { bytes: failure.bytes, limit: limits.maxResultBytes } }
            : { code: 'saving', message: describe(failure) };
      }
      break;
    }
    case 'cancelled':
      status = 'cancelled';
      break;
    case 'input-error':
      status = 'failed';
      error = {
        code: 'input',
        message: outcome.message,
        input: { code: outcome.code, params: outcome.params },
      };
      break;
    case 'failed':
      status = 'failed';
      error = { code: outcome.saving ? 'saving' : 'engine', message: outcome.message };
      break;
    case 'interrupted':
      status = 'failed';
      error = { code: 'interrupted' };
      break;
  }
  const store = (end: { status: RunStatus; result: string | null; error: RunError | null }) =>
    inTransaction(database, async (trx, audit) => {
      // Cancel works up to the last moment: a cancel asked for while the result was being stored wins.
      if ((end.status === 'done' || end.status === 'infeasible') && (await cancelRequested(trx, runId))) {
        end = { status: 'cancelled', result: null, error: null };
      }
      const ended = await finishRun(trx, runId, {
        status: end.status,
        result: end.result,
        error: end.error,
        at: now(),
      });
      if (!ended) return;
      await audit({
        actorId: 'system',
        assemblyId,
        action: 'selection.finish',
        subjectType: 'selection_run',
        subjectId: runId,
        details: {
          status: end.status,
          ...(end.status === 'cancelled' ? {} : details),
          ...(end.error ? { error: end.error.code } : {}),
        },
      });
    });
  try {
    await store({ status, result, error });
  } catch (failure) {
    if (result === null) throw failure;
    // The database refused the result (too large for the field, the connection dropped, …): the run
    // still ends, as failed with the reason, so that the assembly is free for a new run.
    log.error({ run: runId, error: describe(failure) }, 'storing a selection result failed');
    await store({ status: 'failed', result: null, error: { code: 'saving', message: describe(failure) } });
  }
}

/** Ends a run nobody works on any more as failed ("interrupted"), with its audit event. */
async function endInterruptedRun(
  database: Database,
  run: { id: string; assembly_id: string },
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const ended = await finishRun(trx, run.id, {
      status: 'failed',
      result: null,
      error: { code: 'interrupted' },
      at: now(),
    });
    if (!ended) return;
    await audit({
      actorId: 'system',
      assemblyId: run.assembly_id,
      action: 'selection.interrupted',
      subjectType: 'selection_run',
      subjectId: run.id,
      details: {},
    });
  });
}

/**
 * On start-up: runs left queued or running with no live job (their job ended, or there never was
 * one) have nobody working on them any more. They end as failed ("interrupted by a restart") so that
 * a new run can start. Runs whose job is still queued or running are left to it: another process may
 * be working on them, and a job whose worker died is retried or failed by the job sweep.
 */
export async function failInterruptedRuns(database: Database): Promise<number> {
  let count = 0;
  for (const run of await listActiveRuns(database.db)) {
    const job = await findJob(database.db, run.id);
    if (job && (job.status === 'queued' || job.status === 'running')) continue;
    await endInterruptedRun(database, run);
    count++;
  }
  return count;
}
