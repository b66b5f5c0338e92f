/**
 * Selection runs as background jobs of the web server. The engine works in a worker thread
 * (src/engine), so the server keeps answering requests while it runs; this module keeps the job
 * going: it reports progress to its owner at most about once a second (a LEXIMIN run reports many
 * times a second, and each report is a database write), polls whether someone asked to cancel, and
 * hands over exactly one outcome at the end.
 *
 * The owner (src/commands/selection-runs.ts) decides what each event means for the stored run; this
 * module knows nothing of the database.
 */
import {
  EngineFailure,
  type EngineOptions,
  type EngineRun,
  runEngineInWorker,
} from '../engine/engine-thread.ts';
import { log } from '../log.ts';
import {
  CancelledError,
  InputError,
  type Progress,
  type SelectionInput,
  type SelectionResult,
} from '../sortition/model.ts';

/**
 * Stages of a run as its page lists them: the job's own (starting the engine's thread, storing the
 * outcome) around the engine's phases.
 */
export type RunPhase = 'start' | Progress['phase'] | 'save';

export interface JobProgress {
  phase: RunPhase;
  /** Share of the stage done, 0..1. */
  fraction: number;
}

export type JobOutcome =
  | { kind: 'result'; result: SelectionResult }
  | { kind: 'cancelled' }
  | { kind: 'input-error'; code: string; message: string; params?: Record<string, string | number> }
  /** `saving`: the engine had finished and handing over its result failed. */
  | { kind: 'failed'; message: string; saving?: boolean }
  /** The server stopped the job because it is shutting down. */
  | { kind: 'interrupted' };

export interface SelectionJob {
  /** The run's id: names the job in the log and in this process's list of jobs. */
  id: string;
  input: SelectionInput;
  options: EngineOptions;
  /** Before the engine starts; false means the run went away meanwhile and the job does not start. */
  started(): Promise<boolean>;
  progress(progress: JobProgress): Promise<void>;
  cancelRequested(): Promise<boolean>;
  finished(outcome: JobOutcome): Promise<void>;
}

export type EngineStarter = (
  input: SelectionInput,
  options: EngineOptions,
  onProgress: (progress: Progress) => void,
) => EngineRun;

export interface JobTiming {
  /** Shortest time between two progress reports. */
  progressMillis: number;
  /** How often the cancel flag is read. */
  cancelPollMillis: number;
  /** After a cancel request, how long the engine may take to reach its next check before the worker is stopped. */
  stopAfterMillis: number;
}

const defaultTiming: JobTiming = { progressMillis: 1000, cancelPollMillis: 500, stopAfterMillis: 15_000 };

interface RunningJob {
  engine: EngineRun | null;
  done: Promise<void>;
  stopping: boolean;
  /** Reads the cancel flag now instead of at the next poll. */
  checkCancel: () => void;
}

const jobs = new Map<string, RunningJob>();

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the job and returns at once; the returned promise settles when the job has finished and its
 * outcome has been handed over. It never rejects: a failing hook is logged (ids only).
 */
export function launchSelectionJob(
  job: SelectionJob,
  options: { startEngine?: EngineStarter; timing?: Partial<JobTiming> } = {},
): Promise<void> {
  const timing = { ...defaultTiming, ...options.timing };
  const startEngine = options.startEngine ?? runEngineInWorker;
  const entry: RunningJob = { engine: null, done: Promise.resolve(), stopping: false, checkCancel: () => {} };
  const hook = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      log.error({ run: job.id, hook: name, error: describe(error) }, 'selection job hook failed');
    }
  };

  const run = async (): Promise<void> => {
    let go = false;
    await hook('started', async () => {
      go = await job.started();
    });
    if (!go) return;
    if (entry.stopping) {
      await hook('finished', () => job.finished({ kind: 'interrupted' }));
      return;
    }
    if (await job.cancelRequested().catch(() => false)) {
      await hook('finished', () => job.finished({ kind: 'cancelled' }));
      return;
    }

    let latest: JobProgress | null = null;
    let lastWritten = 0;
    let writtenPhase: RunPhase | null = null;
    let writing: Promise<void> = Promise.resolve();
    const flush = () => {
      const progress = latest;
      if (progress === null) return;
      latest = null;
      lastWritten = Date.now();
      writtenPhase = progress.phase;
      writing = writing.then(() => hook('progress', () => job.progress(progress)));
    };
    // A new stage is written at once, so that a short run (the demo's takes two seconds) still shows
    // each stage; reports within a stage are thinned to one per interval.
    const report = (progress: JobProgress) => {
      latest = { phase: progress.phase, fraction: progress.fraction };
      if (progress.phase !== writtenPhase || Date.now() - lastWritten >= timing.progressMillis) flush();
    };
    report({ phase: 'start', fraction: 0 });
    const engine = startEngine(job.input, job.options, report);
    entry.engine = engine;

    let cancelAt: number | null = null;
    entry.checkCancel = () => {
      if (cancelAt !== null) return;
      job.cancelRequested().then(
        (asked) => {
          if (asked && cancelAt === null) {
            cancelAt = Date.now();
            engine.cancel();
          }
        },
        (error: unknown) =>
          log.error({ run: job.id, error: describe(error) }, 'reading the cancel flag failed'),
      );
    };
    const poll = setInterval(() => {
      if (latest !== null && Date.now() - lastWritten >= timing.progressMillis) flush();
      if (cancelAt !== null && Date.now() - cancelAt >= timing.stopAfterMillis) engine.stop();
      entry.checkCancel();
    }, timing.cancelPollMillis);

    let outcome: JobOutcome;
    try {
      outcome = { kind: 'result', result: await engine.result };
    } catch (error) {
      if (entry.stopping) outcome = { kind: 'interrupted' };
      else if (error instanceof CancelledError) outcome = { kind: 'cancelled' };
      else if (error instanceof InputError)
        outcome = { kind: 'input-error', code: error.code, message: error.message, params: error.params };
      else {
        outcome = { kind: 'failed', message: describe(error) };
        log.error(
          { run: job.id, error: error instanceof EngineFailure ? error.message : describe(error) },
          'selection run failed',
        );
      }
    } finally {
      clearInterval(poll);
    }
    if (outcome.kind === 'result') {
      // A cancel asked for while the engine was finishing wins over its result.
      if (await job.cancelRequested().catch(() => false)) outcome = { kind: 'cancelled' };
      else report({ phase: 'save', fraction: 0 });
    }
    await writing;
    try {
      await job.finished(outcome);
    } catch (error) {
      log.error({ run: job.id, hook: 'finished', error: describe(error) }, 'selection job hook failed');
      // The run must not stay active with nobody working on it: that would block the assembly.
      if (outcome.kind !== 'failed') {
        const failed: JobOutcome = { kind: 'failed', message: describe(error), saving: true };
        await hook('finished', () => job.finished(failed));
      }
    }
  };

  entry.done = run().finally(() => jobs.delete(job.id));
  jobs.set(job.id, entry);
  return entry.done;
}

/** Whether this process is running the job of that run. */
export function isJobRunning(id: string): boolean {
  return jobs.has(id);
}

/** Ids of the jobs this process is running. */
export function runningJobIds(): string[] {
  return [...jobs.keys()];
}

/**
 * Makes a job of this process read its cancel flag at once (the cancel command has just set it), so
 * that it need not wait for its next poll. Jobs of other processes poll as usual.
 */
export function checkCancelNow(id: string): void {
  jobs.get(id)?.checkCancel();
}

/** Stops one job of this process (its runner is shutting down); it hands over `interrupted`. */
export function stopJob(id: string): void {
  const job = jobs.get(id);
  if (!job) return;
  job.stopping = true;
  job.engine?.stop();
}

/** Waits for a job of this process to finish (at once when there is none by that id). */
export async function jobFinished(id: string): Promise<void> {
  await jobs.get(id)?.done;
}

/**
 * Stops every job of this process at once (the server is shutting down); each still hands over its
 * outcome (interrupted) before the returned promise settles.
 */
export async function stopAllJobs(): Promise<void> {
  const all = [...jobs.values()];
  for (const job of all) {
    job.stopping = true;
    job.engine?.stop();
  }
  await Promise.all(all.map((job) => job.done));
}
