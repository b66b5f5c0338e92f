/**
 * The organisers' hard rules for a session's tables, and undoing a lock: two members kept apart, a
 * member fixed to a table in a round, a rule removed, the last locked round unlocked when it was
 * locked by mistake. The rules are used by every computation, recompute, late arrival and move of the
 * session's tables (see seating.ts); each change writes its audit event in its transaction.
 */
import type { Database } from '../db/connect.ts';
import { listConfirmedMembers } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  deleteSeatingRule,
  insertSeatingRule,
  listSeatingRules,
  type NewSeatingRule,
  saveLockedRounds,
} from '../repositories/seating.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { deliberationSession, planOf, refuseWhileComputing } from './seating.ts';

/** The most rules a session's tables may carry: each one is checked in every computation. */
export const maxSeatingRules = 500;
const maxRounds = 50;
const maxTables = 1000;

async function checkMember(db: Executor, assemblyId: string, person: string, field: string) {
  const members = await listConfirmedMembers(db, assemblyId);
  if (!members.some((m) => m.id === person)) throw new CommandError('seating_rule_member', field);
}

async function refuseDuplicate(db: Executor, sessionId: string, rule: NewSeatingRule) {
  const rules = await listSeatingRules(db, sessionId);
  if (rules.length >= maxSeatingRules)
    throw new CommandError('seating_rules_limit', '_form', { max: maxSeatingRules });
  const same = rules.some((r) =>
    r.kind === 'apart' && rule.kind === 'apart'
      ? new Set([r.person, r.other, rule.person, rule.other]).size === 2
      : r.kind === 'fixed' && rule.kind === 'fixed' && r.person === rule.person && r.round === rule.round,
  );
  if (same)
    throw new CommandError(
      rule.kind === 'apart' ? 'seating_apart_exists' : 'seating_fixed_exists',
      rule.kind === 'apart' ? 'apart_b' : 'fixed_round',
    );
}

/** Adds a rule (a pair kept apart, or a fixed seat: round and table 1-based); returns its id. */
export async function addSeatingRule(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  rule: NewSeatingRule,
): Promise<string> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  if (rule.kind === 'apart' && rule.person === rule.other)
    throw new CommandError('seating_apart_self', 'apart_b');
  if (rule.kind === 'fixed') {
    if (!(Number.isSafeInteger(rule.round) && rule.round >= 1 && rule.round <= maxRounds))
      throw new CommandError('number_range', 'fixed_round', { min: 1, max: maxRounds });
    if (!(Number.isSafeInteger(rule.table) && rule.table >= 1 && rule.table <= maxTables))
      throw new CommandError('number_range', 'fixed_table', { min: 1, max: maxTables });
  }
  return inTransaction(database, async (trx, audit) => {
    await deliberationSession(trx, assemblyId, sessionId);
    await checkMember(trx, assemblyId, rule.person, rule.kind === 'apart' ? 'apart_a' : 'fixed_person');
    if (rule.kind === 'apart') await checkMember(trx, assemblyId, rule.other, 'apart_b');
    await refuseDuplicate(trx, sessionId, rule);
    const id = await insertSeatingRule(trx, { assemblyId, sessionId, rule, by: actorId(actor), at: now() });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: `seating.${rule.kind}`,
      subjectType: 'session',
      subjectId: sessionId,
      details: { rule: id, ...rule },
    });
    return id;
  });
}

export async function removeSeatingRule(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
  ruleId: string,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    await deliberationSession(trx, assemblyId, sessionId);
    if (!(await deleteSeatingRule(trx, sessionId, ruleId))) throw new CommandError('not_found');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'seating.rule_remove',
      subjectType: 'session',
      subjectId: sessionId,
      details: { rule: ruleId },
    });
  });
}

/**
 * Unlocks the last locked round, for a round locked by mistake: recomputes and moves may change it
 * again. Refused while new tables are computed (the job plans from the rounds locked when asked).
 */
export async function unlockSeatingRound(
  database: Database,
  actor: Actor,
  assemblyId: string,
  sessionId: string,
): Promise<void> {
  if (actor.kind !== 'staff') throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    const plan = await planOf(trx, assemblyId, sessionId);
    await refuseWhileComputing(trx, assemblyId, plan);
    if (plan.lockedRounds === 0) throw new CommandError('seating_none_locked');
    await saveLockedRounds(trx, sessionId, plan.lockedRounds - 1, now());
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'seating.unlock',
      subjectType: 'session',
      subjectId: sessionId,
      details: { round: plan.lockedRounds },
    });
  });
}
