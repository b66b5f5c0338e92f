/**
 * What a kind of job is: a name, how often it may be tried, what it does, and what happens to its
 * subject when it is given up. Kinds are listed in src/jobs/kinds.ts; the runners (in the server
 * process, or `lotta worker` processes on PostgreSQL) look them up there by name.
 */
import type { Database } from '../db/connect.ts';
import type { JobRow } from '../repositories/jobs.ts';

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
   * What of the input to keep once the job has ended (default: all of it). A selection run's input
   * is the whole pool; its run row keeps what is needed afterwards.
   */
  keptInput?(input: Input): unknown;
  /**
   * The job ended without its handler finishing (its worker died and no attempt is left, or it was
   * cancelled before it started): the kind tidies up its subject (the selection run, say).
   */
  abandoned?(database: Database, job: JobRow, reason: JobFailureReason): Promise<void>;
}

export interface JobFailureReason {
  code: string;
  message?: string;
  /** What the kind's page needs to explain the failure (message keys, fields; never personal data). */
  details?: Record<string, unknown>;
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
