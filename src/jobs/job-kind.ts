/**
 * What a kind of job is: a name, how often it may be tried, what it does, and what happens to its
 * subject when it is given up. Kinds are listed in src/jobs/kinds.ts; the runners (in the server
 * process, or `lotta worker` processes on PostgreSQL) look them up there by name.
 *
 * A job's input and result are stored as JSON in its row and come out of the jobs repository decoded
 * but untyped (`unknown`): the kind alone knows their shape, so it declares it as zod schemas
 * (`inputSchema`, `resultSchema`). The runner narrows the input with `inputSchema` before `handle`
 * sees it (a row that does not match fails the job, with the reason, instead of failing somewhere
 * inside the handler); whoever reads a finished job's result narrows it with `jobResult`.
 */
import type { z } from 'zod';
import type { Database } from '../db/connect.ts';
import type { Job, JobError } from '../repositories/jobs.ts';
import { StoredDataError } from '../repositories/stored-json.ts';

export interface JobContext<Input> {
  jobId: string;
  input: Input;
  database: Database;
  /** Where files a job produces go: `<dataDir>/jobs/<job id>/`. */
  dataDir: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Stores progress for every process to read (thinned by the runner). */
  reportProgress(fraction: number, stage?: string): void;
  /** Whether someone asked to cancel (reads the row). */
  isCancelled(): Promise<boolean>;
  /** Aborted when this process stops its jobs (shutdown). */
  signal: AbortSignal;
}

export interface JobKind<Input = unknown, Result = unknown> {
  name: string;
  /**
   * Attempts in all, 1 meaning never retried. More than 1 only where running again is safe: the
   * handler writes its outcome once, at the end.
   */
  maxAttempts: number;
  handle(ctx: JobContext<Input>): Promise<Result>;
  /**
   * The input as queued, checked by the runner before `handle` runs. Optional while older kinds move
   * to it; without it the handler gets the decoded JSON as it is.
   */
  inputSchema?: z.ZodType<Input>;
  /** The result as `handle` returns it, for `jobResult` (the same transition as `inputSchema`). */
  resultSchema?: z.ZodType<Result>;
  /**
   * What of the input to keep once the job has ended (default: all of it). A selection run's input
   * is the whole pool; its run row keeps what is needed afterwards.
   */
  keptInput?(input: Input): unknown;
  /**
   * The job ended without its handler finishing (its worker died and no attempt is left, or it was
   * cancelled before it started): the kind tidies up its subject (the selection run, say).
   */
  abandoned?(database: Database, job: Job, reason: JobFailureReason): Promise<void>;
}

/**
 * Why a job failed: a code, a message for the log, and `details`, what the kind's page needs to
 * explain the failure (message keys, fields; never personal data). Stored as the job's `error`.
 */
export type JobFailureReason = JobError;

/** The input as the kind's schema reads it; an error naming the kind when the row does not match. */
export function jobInput<Input>(kind: { name: string; inputSchema?: z.ZodType<Input> }, job: Job): Input {
  if (!kind.inputSchema) return job.input as Input;
  const parsed = kind.inputSchema.safeParse(job.input);
  if (!parsed.success) throw new StoredDataError(`${kind.name} job input`, parsed.error);
  return parsed.data;
}

/** A finished job's result as the kind's schema reads it; null when it has none (yet). */
export function jobResult<Result>(
  kind: { name: string; resultSchema?: z.ZodType<Result> },
  job: Job,
): Result | null {
  if (job.result === null) return null;
  if (!kind.resultSchema) return job.result as Result;
  const parsed = kind.resultSchema.safeParse(job.result);
  if (!parsed.success) throw new StoredDataError(`${kind.name} job result`, parsed.error);
  return parsed.data;
}

/** A handler's failure with a reason for people; `retry: false` when running again would not help. */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly retry = false,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = 'JobFailure';
  }
}

/** A handler stopped because its job was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

/** A kind with its input type hidden, for the list of kinds. */
// biome-ignore lint/suspicious/noExplicitAny: the list holds kinds of every input type
export type AnyJobKind = JobKind<any, any>;
