/**
 * Where a table-allocation job for a session's seating plan ends: its tables become the plan's next
 * version, with its audit event, in one transaction. Kept apart from seating.ts, which queues the job,
 * so that the job kind and the commands do not import each other.
 */
import type { Database } from '../db/connect.ts';
import type { TablesResult } from '../grouping/model.ts';
import { findSeatingPlan, saveSeatingVersion } from '../repositories/seating.ts';
import { inTransaction, now } from './command.ts';

/** What a seating job carries besides the engine's input: whose plan, why, asked by whom. */
export interface SeatingJobContext {
  sessionId: string;
  reason: 'computed' | 'recomputed';
  /** The staff account that asked. */
  by: string;
  /** How many were seated in the rounds planned. */
  seated: number;
}

/**
 * Stores the job's tables as the plan's next version; nothing when a later request has taken the
 * plan over (its pending job is another), so an older, slower run never overwrites a newer one.
 */
export async function storeComputedSeating(
  database: Database,
  jobId: string,
  assemblyId: string,
  seating: SeatingJobContext,
  result: TablesResult,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const plan = await findSeatingPlan(trx, assemblyId, seating.sessionId);
    if (!plan || plan.pendingJobId !== jobId) return;
    const version = await saveSeatingVersion(trx, plan, {
      rounds: result.rounds,
      report: result.report,
      reason: seating.reason,
      details: { seated: seating.seated },
      by: seating.by,
      at: now(),
      clearPending: true,
    });
    await audit({
      actorId: seating.by,
      assemblyId,
      action: `seating.${seating.reason}`,
      subjectType: 'session',
      subjectId: seating.sessionId,
      details: { version, seated: seating.seated, repeatedPairs: result.report.repeatedPairs, jobId },
    });
  });
}
