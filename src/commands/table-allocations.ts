/**
 * Seating the confirmed members at tables for a deliberation's rounds, as a job: the engine
 * (src/grouping) searches for seconds on a large assembly, in a worker thread of whichever process
 * runs the job, and its tables are kept as the job's result for any process to read. The members go
 * in under their pseudonymous ids with the answers they gave (selection data, as a selection run
 * holds); names are joined only when the tables are shown.
 *
 * The pages that ask for tables, show them and re-seat the day's attendance come with the
 * deliberation phase; this is the part every one of them calls.
 */
import { z } from 'zod';
import type { Database } from '../db/connect.ts';
import { allocateTablesInWorker } from '../engine/tables-thread.ts';
import type { RoundPlan, TablesInput, TablesReport, TablesResult } from '../grouping/model.ts';
import { TablesInputError } from '../grouping/model.ts';
import { JobFailure, type JobKind, jobResult } from '../jobs/job-kind.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { wakeJobRunner } from '../jobs/runner.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import { findJobOfKind, type JobStatus } from '../repositories/jobs.ts';
import { loadPool } from '../repositories/selection-pool.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { type SeatingJobContext, storeComputedSeating } from './seating-results.ts';

export interface TableAllocationJobInput {
  assemblyId: string;
  tables: TablesInput;
  /** Set when the tables are a session's seating plan: they are stored as its next version. */
  seating?: SeatingJobContext;
}

const tablePlan = z.object({ members: z.array(z.string()), facilitator: z.string().nullable() });
const tablesResultSchema = z.object({
  rounds: z.array(z.object({ tables: z.array(tablePlan) })),
  // The engine's own report, stored as it made it.
  report: z.custom<TablesReport>((value) => typeof value === 'object' && value !== null),
});

export const tableAllocationJob: JobKind<TableAllocationJobInput, TablesResult> = {
  name: 'table-allocation',
  // Pure and seeded: running again gives the same tables.
  maxAttempts: 2,
  resultSchema: tablesResultSchema,
  // Once ended, the members' answers (selection data) are not kept: the tables are the result, and a
  // seating plan holds its own settings.
  keptInput: ({ assemblyId, seating }) => ({ assemblyId, ...(seating ? { seating } : {}) }),
  async handle(ctx) {
    ctx.reportProgress(0, 'tables');
    try {
      const result = await allocateTablesInWorker(ctx.input.tables, ctx.signal);
      if (ctx.input.seating)
        await storeComputedSeating(ctx.database, ctx.jobId, ctx.input.assemblyId, ctx.input.seating, result);
      ctx.reportProgress(1, 'tables');
      return result;
    } catch (error) {
      if (!(error instanceof TablesInputError)) throw error;
      // The organiser's numbers cannot seat these members (too many tables, say): no retry helps.
      throw new JobFailure('tables_input', error.message, false, { code: error.code, params: error.params });
    }
  },
};

/** What the organiser asks for: how many rounds, tables or a table size, whose answers to mix. */
export interface TableAllocationRequest {
  assemblyId: string;
  rounds: number;
  /** The number of tables; or, without it, the largest table size. */
  tables?: number;
  tableSize?: number;
  /** The questions whose answers each table should mirror; every question when absent. */
  diversify?: readonly string[];
  seed: string;
}

const maxRounds = 50;
/** A seed is typed or pasted (a date, dice, a beacon value), never an essay. */
const maxSeedLength = 200;

export function checkRequest(r: TableAllocationRequest): void {
  const whole = (n: number | undefined, min: number, max: number) =>
    n === undefined || (Number.isSafeInteger(n) && n >= min && n <= max);
  if (!whole(r.rounds, 1, maxRounds))
    throw new CommandError('number_range', 'rounds', { min: 1, max: maxRounds });
  if (r.tables === undefined && r.tableSize === undefined) throw new CommandError('required', 'tables');
  if (!whole(r.tables, 1, 1000)) throw new CommandError('number_range', 'tables', { min: 1, max: 1000 });
  if (!whole(r.tableSize, 2, 1000))
    throw new CommandError('number_range', 'table_size', { min: 2, max: 1000 });
  if (r.seed.trim() === '') throw new CommandError('required', 'seed');
  if (r.seed.length > maxSeedLength) throw new CommandError('too_long', 'seed', { max: maxSeedLength });
}

/**
 * Queues the seating of the assembly's confirmed members, with its audit event in one transaction;
 * returns the job's id. Refused before anything is queued when the numbers or the questions are wrong.
 */
export async function requestTableAllocation(
  database: Database,
  actor: Actor,
  request: TableAllocationRequest,
): Promise<string> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  checkRequest(request);
  const questions = await listQuestions(database.db, request.assemblyId);
  const keys = request.diversify ?? questions.map((q) => q.key);
  const unknown = keys.find((key) => !questions.some((q) => q.key === key));
  if (unknown !== undefined) throw new CommandError('tables_unknown_question', 'diversify', { key: unknown });
  const members = await loadPool(database.db, request.assemblyId, { statuses: ['confirmed'] });
  if (members.length === 0) throw new CommandError('tables_no_members', 'tables');
  const tables: TablesInput = {
    people: members.map((m) => ({ id: m.id, values: m.answers })),
    fields: keys.map((name) => ({ name, mode: 'diversify' as const })),
    ...(request.tables !== undefined ? { tables: request.tables } : { tableSize: request.tableSize }),
    rounds: request.rounds,
    seed: request.seed,
  };
  const id = await inTransaction(database, async (trx, audit) => {
    const jobId = await enqueueJob(trx, database, tableAllocationJob, {
      assemblyId: request.assemblyId,
      input: { assemblyId: request.assemblyId, tables },
      at: now(),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId: request.assemblyId,
      action: 'tables.allocate',
      subjectType: 'job',
      subjectId: jobId,
      details: { members: members.length, rounds: request.rounds, fields: keys },
    });
    return jobId;
  });
  wakeJobRunner(database);
  return id;
}

/** A table allocation as its page shows it: going, its tables, or why the members could not be seated. */
export type TableAllocationState =
  | { state: 'working'; status: JobStatus; fraction: number }
  | { state: 'done'; rounds: RoundPlan[]; report: TablesReport }
  | { state: 'failed'; code: string; details: Record<string, unknown> };

export async function tableAllocationState(
  database: Database,
  assemblyId: string,
  jobId: string,
): Promise<TableAllocationState | null> {
  const job = await findJobOfKind(database.db, assemblyId, tableAllocationJob.name, jobId);
  if (!job) return null;
  if (job.status === 'queued' || job.status === 'running')
    return { state: 'working', status: job.status, fraction: job.progress?.fraction ?? 0 };
  const result = job.status === 'done' ? jobResult(tableAllocationJob, job) : null;
  if (result) return { state: 'done', rounds: result.rounds, report: result.report };
  return { state: 'failed', code: job.error?.code ?? job.status, details: job.error?.details ?? {} };
}
