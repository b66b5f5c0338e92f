/**
 * Where a table-allocation job for a session's seating plan ends: its tables become the plan's next
 * version, with its audit event, in one transaction. Kept apart from seating.ts, which queues the job,
 * so that the job kind and the commands do not import each other.
 */
import type { Database } from '../db/connect.ts';
import type { TablesResult } from '../grouping/model.ts';
import {
  findSeatingPlan,
  type SeatingSettings,
  saveLockedRounds,
  savePendingSeating,
  saveSeatingVersion,
} from '../repositories/seating.ts';
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

/**
 * Stores tables computed in this process (the demo's, which load without the job runner) as the
 * plan's next version with these settings, creating the plan if need be, with its audit event.
 */
export async function storeSeatingPlan(
  database: Database,
  plan: {
    assemblyId: string;
    sessionId: string;
    settings: SeatingSettings;
    result: TablesResult;
    reason: 'computed' | 'recomputed';
    by: string;
    seated: number;
    lockedRounds: number;
  },
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    await savePendingSeating(trx, { ...plan, jobId: null, at });
    const stored = await findSeatingPlan(trx, plan.assemblyId, plan.sessionId);
    if (!stored) throw new Error(`the seating plan of ${plan.sessionId} was not stored`);
    const version = await saveSeatingVersion(trx, stored, {
      rounds: plan.result.rounds,
      report: plan.result.report,
      reason: plan.reason,
      details: { seated: plan.seated },
      by: plan.by,
      at,
      clearPending: true,
    });
    if (plan.lockedRounds > 0) await saveLockedRounds(trx, plan.sessionId, plan.lockedRounds, at);
    await audit({
      actorId: plan.by,
      assemblyId: plan.assemblyId,
      action: `seating.${plan.reason}`,
      subjectType: 'session',
      subjectId: plan.sessionId,
      details: { version, seated: plan.seated, repeatedPairs: plan.result.report.repeatedPairs },
    });
  });
}
