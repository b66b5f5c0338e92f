/**
 * The demo's stipends and expenses: rules (a stipend per session, five kinds of cost reimbursed) and
 * a few claims in every state, made for members marked present at sessions already held, so that a
 * newcomer sees the claims list, a decision, the payout and a member's figures. Decisions go through
 * the organisers' commands. The demo is loaded without a data folder, so its claims carry no receipt
 * file (their description says the paper receipt is in the office).
 */
import type { Database } from '../db/connect.ts';
import { attendedSessionIds, type ExpenseKind, expenseKinds } from '../domain/stipends.ts';
import { listAttendance } from '../repositories/attendance.ts';
import { insertClaim } from '../repositories/expenses.ts';
import { listSessions } from '../repositories/sessions.ts';
import { type Actor, actorId, inTransaction, now } from './command.ts';
import { approveClaim, payClaim, payStipend, rejectClaim, saveRules } from './expenses.ts';

const system: Actor = { kind: 'system' };

const limits: Record<ExpenseKind, string> = {
  travel: '300',
  overnight: '900',
  childcare: '800',
  care: '800',
  assistant: '1500',
};

/** The claims made, in the order of the members found: what, how much, and what became of it. */
const claims: {
  kind: ExpenseKind;
  amount: number;
  description: string;
  outcome: 'wait' | 'approve' | 'reject' | 'pay';
  approved?: string;
}[] = [
  { kind: 'travel', amount: 24_550, description: 'Demo: tåg Uppsala–Stockholm t/r', outcome: 'wait' },
  {
    kind: 'travel',
    amount: 18_000,
    description: 'Demo: buss och tunnelbana',
    outcome: 'approve',
    approved: '180',
  },
  {
    kind: 'childcare',
    amount: 60_000,
    description: 'Demo: barnvakt lördag',
    outcome: 'reject',
  },
  { kind: 'overnight', amount: 95_000, description: 'Demo: hotell en natt', outcome: 'pay', approved: '900' },
];

async function demoClaim(
  database: Database,
  assemblyId: string,
  personId: string,
  sessionId: string,
  i: number,
) {
  const claim = claims[i];
  const id = crypto.randomUUID();
  await inTransaction(database, async (trx, audit) => {
    await insertClaim(trx, {
      id,
      assemblyId,
      personId,
      sessionId,
      kind: claim.kind,
      amountOre: claim.amount,
      description: `${claim.description} (papperskvitto på kansliet)`,
      receipt: null,
      submittedBy: actorId(system),
      submittedAt: now(),
    });
    await audit({
      actorId: actorId(system),
      assemblyId,
      action: 'expenses.claim',
      subjectType: 'expense_claim',
      subjectId: id,
      details: { personId, kind: claim.kind, amountOre: claim.amount },
    });
  });
  if (claim.outcome === 'reject')
    await rejectClaim(database, system, assemblyId, id, 'Demo: kvittot saknar datum. Skicka gärna ett nytt.');
  if (claim.approved) await approveClaim(database, system, assemblyId, id, claim.approved);
  if (claim.outcome === 'pay') await payClaim(database, system, assemblyId, id);
}

/** Sets the demo's rules and makes its claims; returns the number of claims made. */
export async function loadDemoExpenses(database: Database, assemblyId: string): Promise<number> {
  await saveRules(database, system, assemblyId, {
    stipendBasis: 'session',
    stipendAmount: '500',
    kinds: Object.fromEntries(expenseKinds.map((k) => [k, { reimbursed: true, limit: limits[k] }])) as Record<
      ExpenseKind,
      { reimbursed: boolean; limit: string }
    >,
  });
  const sessions = await listSessions(database.db, assemblyId);
  const marks = await listAttendance(database.db, assemblyId);
  const people = [...new Set(marks.map((m) => m.personId))].sort();
  const claimants: string[] = [];
  for (const personId of people) {
    if (claimants.length === claims.length) break;
    const own = marks.filter((m) => m.personId === personId);
    const [sessionId] = attendedSessionIds(sessions, own);
    if (!sessionId) continue;
    await demoClaim(database, assemblyId, personId, sessionId, claimants.length);
    claimants.push(personId);
  }
  // The stipend of the member whose claim was paid is paid out too, so the payout shows both.
  if (claimants.length === claims.length)
    await payStipend(database, system, assemblyId, claimants[claims.length - 1]);
  return claimants.length;
}
