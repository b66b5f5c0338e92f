/**
 * The point-target trade-off on the selection page (issue 14): a job computes, for tolerances 0, 1,
 * …, how the lowest chance and the number of people without one change as more deviation from the
 * targets is allowed (src/sortition/deviationTradeOff.ts, in a worker thread), and the organiser
 * chooses the tolerance the next selection run uses. Starting, cancelling and choosing are audited.
 *
 * The job holds the pool (pseudonymous ids and answers, as a selection run's job does) only while it
 * runs; once it has ended it keeps the numbers, which name nobody.
 */
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { buildSelectionInput } from '../domain/selection-input.ts';
import { checkTargets } from '../domain/targets.ts';
import { runTradeOffInWorker } from '../engine/engine-thread.ts';
import { JobCancelled, JobFailure, type JobKind, jobResult } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { findAssembly } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  cancelQueuedJob,
  findActiveJobOfKind,
  findJobOfKind,
  type JobStatus,
  listJobsOfKind,
  requestJobCancel,
} from '../repositories/jobs.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { setPointTolerance } from '../repositories/targets.ts';
import { DEFAULT_TRADE_OFF_STEPS, MAX_TRADE_OFF_STEPS } from '../sortition/deviationTradeOff.ts';
import { compileInstance } from '../sortition/instance.ts';
import {
  CancelledError,
  type DeviationTradeOff,
  InputError,
  type SelectionInput,
} from '../sortition/model.ts';
import { targetNumberLimits } from '../sortition/target-numbers.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { assemblyQuestions, loadTargetSettings, poolStatuses } from './targets.ts';

export { DEFAULT_TRADE_OFF_STEPS, MAX_TRADE_OFF_STEPS };

/** The largest tolerance an organiser may choose: as large as a point target's weight may be. */
export const maxPointTolerance = targetNumberLimits.weight;

export interface TradeOffJobInput {
  assemblyId: string;
  input: SelectionInput;
  steps: number;
}

/** The trade-off with what it was computed for. */
export interface TradeOffJobResult extends DeviationTradeOff {
  panelSize: number;
  poolSize: number;
}

const resultSchema: z.ZodType<TradeOffJobResult> = z.object({
  best: z.number(),
  steps: z.array(
    z.object({
      tolerance: z.number(),
      allowed: z.number(),
      lowest: z.number(),
      lowestSelectable: z.number(),
      withoutChance: z.number(),
    }),
  ),
  seconds: z.number(),
  panelSize: z.number(),
  poolSize: z.number(),
});

/** How often a running trade-off reads its cancel flag. */
const cancelPollMillis = 500;

export const deviationTradeOffJob: JobKind<TradeOffJobInput, TradeOffJobResult> = {
  name: 'deviation-trade-off',
  // Pure: running again gives the same numbers.
  maxAttempts: 2,
  resultSchema,
  keptInput: ({ assemblyId, steps }) => ({ assemblyId, steps }),
  async handle(ctx) {
    const { input, steps } = ctx.input;
    ctx.reportProgress(0, 'trade-off');
    const engine = runTradeOffInWorker(input, steps, (p) => ctx.reportProgress(p.fraction, 'trade-off'));
    const stop = () => engine.stop();
    ctx.signal.addEventListener('abort', stop);
    if (ctx.signal.aborted) stop();
    const poll = setInterval(() => {
      ctx.isCancelled().then(
        (asked) => {
          if (asked) engine.cancel();
        },
        () => {},
      );
    }, cancelPollMillis);
    try {
      const tradeOff = await engine.result;
      return { ...tradeOff, panelSize: input.panelSize, poolSize: input.people.length };
    } catch (error) {
      if (error instanceof CancelledError) {
        // Stopped because this process shuts down: another attempt, elsewhere or after the restart.
        if (ctx.signal.aborted) throw new JobFailure('interrupted', undefined, true);
        throw new JobCancelled();
      }
      if (error instanceof InputError)
        throw new JobFailure('trade_off_input', error.message, false, { code: error.code });
      throw error;
    } finally {
      clearInterval(poll);
      ctx.signal.removeEventListener('abort', stop);
    }
  },
};

/** The engine's input for the assembly's point targets and registered pool, as a selection run builds it. */
async function tradeOffInput(db: Executor, assemblyId: string): Promise<SelectionInput> {
  const assembly = await findAssembly(db, assemblyId);
  if (!assembly) throw new CommandError('not_found');
  const questions = await assemblyQuestions(db, assemblyId);
  const { settings: targets, saved } = await loadTargetSettings(db, assemblyId, questions);
  if (!saved || checkTargets(targets, questions).length > 0) throw new CommandError('selection_no_targets');
  if (targets.kind !== 'points') throw new CommandError('trade_off_needs_points');
  const pool = await loadPool(db, assemblyId, { statuses: poolStatuses });
  if (assembly.panel_size > pool.length) {
    throw new CommandError('selection_pool_too_small', 'tolerances', {
      size: assembly.panel_size,
      pool: pool.length,
    });
  }
  const { input } = buildSelectionInput({ pool, questions, targets, panelSize: assembly.panel_size });
  try {
    // The engine would refuse the same things from its thread; here the organiser hears at once.
    compileInstance(input);
  } catch (error) {
    if (error instanceof InputError)
      throw Object.assign(new CommandError('selection_input', undefined, { message: error.message }), {
        cause: error,
      });
    throw error;
  }
  return input;
}

/**
 * Queues the trade-off over `steps` tolerances for the assembly's panel size and registered pool, with
 * its audit event; the one already going when there is one. Returns the job's id.
 */
export async function requestTradeOff(
  database: Database,
  actor: Actor,
  assemblyId: string,
  steps: number,
): Promise<string> {
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > MAX_TRADE_OFF_STEPS)
    throw new CommandError('number_range', 'tolerances', { min: 1, max: MAX_TRADE_OFF_STEPS });
  const going = await findActiveJobOfKind(database.db, assemblyId, deviationTradeOffJob.name);
  if (going) return going.id;
  const input = await tradeOffInput(database.db, assemblyId);
  const id = await inTransaction(database, async (trx, audit) => {
    const jobId = await enqueueJob(trx, database, deviationTradeOffJob, {
      assemblyId,
      input: { assemblyId, input, steps },
      at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'selection.trade_off',
      subjectType: 'job',
      subjectId: jobId,
      details: { steps, pool: input.people.length, panelSize: input.panelSize },
    });
    return jobId;
  });
  wakeJobRunner(database);
  return id;
}

/** Stops a trade-off of the assembly: one nobody has started ends at once; a running one at its next check. */
export async function cancelTradeOff(
  database: Database,
  actor: Actor,
  assemblyId: string,
  jobId: string,
): Promise<void> {
  const job = await findJobOfKind(database.db, assemblyId, deviationTradeOffJob.name, jobId);
  if (!job) throw new CommandError('not_found');
  await inTransaction(database, async (trx, audit) => {
    const status = await requestJobCancel(trx, jobId);
    if (!status) throw new CommandError('trade_off_not_active');
    if (status === 'queued') await cancelQueuedJob(trx, jobId, now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'selection.trade_off_cancel',
      subjectType: 'job',
      subjectId: jobId,
    });
  });
}

/** Sets the tolerance the assembly's next selection runs allow above the smallest deviation. */
export async function choosePointTolerance(
  database: Database,
  actor: Actor,
  assemblyId: string,
  tolerance: number,
): Promise<void> {
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > maxPointTolerance)
    throw new CommandError('number_range', 'tolerance', { min: 0, max: maxPointTolerance });
  const questions = await assemblyQuestions(database.db, assemblyId);
  const { settings, saved } = await loadTargetSettings(database.db, assemblyId, questions);
  if (!saved) throw new CommandError('selection_no_targets');
  if (settings.kind !== 'points') throw new CommandError('trade_off_needs_points', 'tolerance');
  await inTransaction(database, async (trx, audit) => {
    if (!(await setPointTolerance(trx, assemblyId, tolerance)))
      throw new CommandError('selection_no_targets');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'targets.tolerance',
      subjectType: 'assembly',
      subjectId: assemblyId,
      details: { tolerance },
    });
  });
}

/** The assembly's latest trade-off as the selection page shows it. */
export type TradeOffState =
  | { state: 'working'; id: string; status: JobStatus; fraction: number; cancelling: boolean }
  | { state: 'done'; id: string; createdAt: string; finishedAt: string | null; result: TradeOffJobResult }
  | { state: 'cancelled'; id: string }
  | { state: 'failed'; id: string; code: string };

export async function latestTradeOff(db: Executor, assemblyId: string): Promise<TradeOffState | undefined> {
  const [job] = await listJobsOfKind(db, assemblyId, deviationTradeOffJob.name);
  if (!job) return undefined;
  if (job.status === 'queued' || job.status === 'running')
    return {
      state: 'working',
      id: job.id,
      status: job.status,
      fraction: job.progress?.fraction ?? 0,
      cancelling: job.cancel_requested === 1,
    };
  if (job.status === 'cancelled') return { state: 'cancelled', id: job.id };
  const result = job.status === 'done' ? jobResult(deviationTradeOffJob, job) : null;
  return result
    ? { state: 'done', id: job.id, createdAt: job.created_at, finishedAt: job.finished_at, result }
    : { state: 'failed', id: job.id, code: job.error?.code ?? job.status };
}
