/**
 * What the expense pages read: the rules, the claims with whose and which session they are, a claim's
 * receipt (to the member herself or an organiser only), the payout per member with yearly totals, and
 * the member's own figures for her page. Read from several repositories into typed objects; no
 * changes.
 */
import { isPersonStatus } from '../domain/person-status.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import {
  attendedSessionIds,
  type ExpenseRules,
  type MemberMoney,
  memberMoney,
  type StipendTotals,
  stipendsByMember,
  type YearTotal,
  yearTotals,
} from '../domain/stipends.ts';
import { listAttendance, listAttendanceOf } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type ExpenseClaim,
  findClaim,
  findExpenseRules,
  listClaims,
  listClaimsOf,
  listConfirmedMemberIds,
  listStipendPayouts,
} from '../repositories/expenses.ts';
import { type KeptFileContent, openKeptFile } from '../repositories/kept-files.ts';
import { findContact, findPerson, findPersonById } from '../repositories/people.ts';
import { type AssemblySession, listSessions } from '../repositories/sessions.ts';

export function expenseRules(db: Executor, assemblyId: string): Promise<ExpenseRules> {
  return findExpenseRules(db, assemblyId);
}

/** Who a claim or payout is about, as organisers see her. */
export interface Claimant {
  id: string;
  reference: string;
  /** Null once she is erased (or never given). */
  name: string | null;
}

/** A claim with its member and session, as the organisers' list shows it. */
export interface ClaimView {
  claim: ExpenseClaim;
  person: Claimant;
  /** Null when the session is no longer in the programme. */
  session: AssemblySession | null;
}

async function claimants(
  db: Executor,
  assemblyId: string,
  ids: Iterable<string>,
): Promise<Map<string, Claimant>> {
  const out = new Map<string, Claimant>();
  for (const id of new Set(ids)) {
    const person = await findPerson(db, assemblyId, id);
    if (!person) continue;
    const contact = await findContact(db, id);
    out.set(id, { id, reference: person.reference, name: contact?.full_name ?? null });
  }
  return out;
}

function views(
  claims: ExpenseClaim[],
  people: Map<string, Claimant>,
  sessions: AssemblySession[],
): ClaimView[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return claims.map((claim) => ({
    claim,
    person: people.get(claim.personId) ?? { id: claim.personId, reference: '', name: null },
    session: byId.get(claim.sessionId) ?? null,
  }));
}

/** Every claim of the assembly, newest first, and the rules they are judged by. */
export async function claimsOverview(
  db: Executor,
  assemblyId: string,
): Promise<{ rules: ExpenseRules; claims: ClaimView[] }> {
  const claims = await listClaims(db, assemblyId);
  const people = await claimants(
    db,
    assemblyId,
    claims.map((c) => c.personId),
  );
  return {
    rules: await findExpenseRules(db, assemblyId),
    claims: views(claims, people, await listSessions(db, assemblyId)),
  };
}

/** One claim with its member and session, and the rules; null when the assembly has no such claim. */
export async function claimDetail(
  db: Executor,
  assemblyId: string,
  claimId: string,
): Promise<(ClaimView & { rules: ExpenseRules }) | null> {
  const claim = await findClaim(db, assemblyId, claimId);
  if (!claim) return null;
  const people = await claimants(db, assemblyId, [claim.personId]);
  const [view] = views([claim], people, await listSessions(db, assemblyId));
  return { ...view, rules: await findExpenseRules(db, assemblyId) };
}

/** The sessions that have taken place and count for claims (published, begun before `now`). */
function pastSessions(sessions: AssemblySession[], now: number): AssemblySession[] {
  return sessions.filter((s) => s.status === 'published' && Date.parse(s.startsAt) <= now);
}

/** What the organisers' form to claim on a member's behalf offers: the members, the past sessions. */
export async function staffClaimForm(
  db: Executor,
  assemblyId: string,
  now: number,
): Promise<{ rules: ExpenseRules; members: Claimant[]; sessions: AssemblySession[] }> {
  const members = await claimants(db, assemblyId, await listConfirmedMemberIds(db, assemblyId));
  return {
    rules: await findExpenseRules(db, assemblyId),
    members: [...members.values()],
    sessions: pastSessions(await listSessions(db, assemblyId), now),
  };
}

/** A member as her own pages read her: in her assembly, allowed to claim (the confirmed panel). */
async function claimingMember(db: Executor, personId: string) {
  const person = await findPersonById(db, personId);
  if (!person || person.erased_at || !isPersonStatus(person.status)) return null;
  return can(memberRoleOf(person.status), 'expenses:claim') ? person : null;
}

/** Her claim form: the rules and the sessions she was marked present at; null when she may not claim. */
export async function memberClaimForm(
  db: Executor,
  personId: string,
): Promise<{ rules: ExpenseRules; sessions: AssemblySession[] } | null> {
  const person = await claimingMember(db, personId);
  if (!person) return null;
  const sessions = await listSessions(db, person.assembly_id);
  const attended = attendedSessionIds(sessions, await listAttendanceOf(db, person.assembly_id, person.id));
  return {
    rules: await findExpenseRules(db, person.assembly_id),
    sessions: sessions.filter((s) => attended.has(s.id)),
  };
}

/** What her page shows of her money: her figures, her claims with their sessions, the rules. */
export interface MemberMoneyView {
  /** Whether she may make a new claim: only while she is on the panel. */
  canClaim: boolean;
  money: MemberMoney;
  claims: ClaimView[];
  rules: ExpenseRules;
  years: YearTotal[];
}

/**
 * Her figures, or null when there is nothing to show: an assembly with neither stipends nor expenses,
 * or someone never on the panel. A member who has left the panel still sees what she earned, claimed
 * and was paid (she may be owed money), but may make no new claim.
 */
export async function memberMoneyView(db: Executor, personId: string): Promise<MemberMoneyView | null> {
  const person = await findPersonById(db, personId);
  if (!person || person.erased_at || !isPersonStatus(person.status)) return null;
  const canClaim = can(memberRoleOf(person.status), 'expenses:claim');
  const assemblyId = person.assembly_id;
  const rules = await findExpenseRules(db, assemblyId);
  const sessions = await listSessions(db, assemblyId);
  const stipends = stipendsByMember(rules, sessions, await listAttendanceOf(db, assemblyId, personId));
  const claims = await listClaimsOf(db, assemblyId, personId);
  const paid = await listStipendPayouts(db, assemblyId, personId);
  const earned = stipends.get(personId)?.totalOre ?? 0;
  const history = claims.length > 0 || paid.length > 0 || earned > 0;
  // An assembly that pays nothing and reimburses nothing shows nothing of it on her page.
  const offered =
    rules.stipendBasis !== 'none' || Object.values(rules.limits).some((limit) => limit !== null);
  if (canClaim ? !offered && !history : !history) return null;
  const self: Claimant = { id: personId, reference: person.reference, name: null };
  return {
    canClaim,
    money: memberMoney(
      earned,
      paid.reduce((sum, p) => sum + p.amountOre, 0),
      claims,
    ),
    claims: views(claims, new Map([[personId, self]]), sessions),
    rules,
    years: yearTotals(stipends.get(personId), claims),
  };
}

/** One member's line of the payout: her figures and her calendar years. */
export interface PayoutRow {
  person: Claimant;
  money: MemberMoney;
  years: YearTotal[];
}

/** Every member with a stipend, a claim or a payout, by reference. */
export async function payout(
  db: Executor,
  assemblyId: string,
): Promise<{ rules: ExpenseRules; rows: PayoutRow[] }> {
  const rules = await findExpenseRules(db, assemblyId);
  const stipends: Map<string, StipendTotals> = stipendsByMember(
    rules,
    await listSessions(db, assemblyId),
    await listAttendance(db, assemblyId),
  );
  const claims = await listClaims(db, assemblyId);
  const payouts = await listStipendPayouts(db, assemblyId);
  const ids = new Set([
    ...stipends.keys(),
    ...claims.map((c) => c.personId),
    ...payouts.map((p) => p.personId),
  ]);
  const people = await claimants(db, assemblyId, ids);
  const rows = [...people.values()].map((person) => {
    const own = claims.filter((c) => c.personId === person.id);
    const paid = payouts.filter((p) => p.personId === person.id).reduce((sum, p) => sum + p.amountOre, 0);
    return {
      person,
      money: memberMoney(stipends.get(person.id)?.totalOre ?? 0, paid, own),
      years: yearTotals(stipends.get(person.id), own),
    };
  });
  rows.sort((a, b) => a.person.reference.localeCompare(b.person.reference));
  return { rules, rows };
}

/**
 * A receipt as it is sent back: its stored name, the type read from its bytes, its size, and its
 * bytes as a stream read from disk in pieces.
 */
export interface ReceiptDownload extends KeptFileContent {
  name: string;
  type: string;
}

async function receiptOf(dataDir: string, claim: ExpenseClaim | null): Promise<ReceiptDownload | null> {
  if (!claim?.receipt) return null;
  const content = await openKeptFile(dataDir, 'receipts', claim.receipt.key);
  return content ? { name: claim.receipt.name, type: claim.receipt.type, ...content } : null;
}

/** A claim's receipt for an organiser of its assembly. */
export async function staffReceipt(
  db: Executor,
  dataDir: string,
  assemblyId: string,
  claimId: string,
): Promise<ReceiptDownload | null> {
  return receiptOf(dataDir, await findClaim(db, assemblyId, claimId));
}

/** A claim's receipt for the member herself: another member's claim is not found. */
export async function memberReceipt(
  db: Executor,
  dataDir: string,
  personId: string,
  claimId: string,
): Promise<ReceiptDownload | null> {
  const person = await findPersonById(db, personId);
  if (!person) return null;
  const claim = await findClaim(db, person.assembly_id, claimId);
  return receiptOf(dataDir, claim?.personId === personId ? claim : null);
}
