/**
 * Stipend and expense rules, members' claims and stipend payouts, handed out decoded (statuses and
 * kinds checked, money in öre). Written by the expense commands; read by the expense pages, the
 * member's page and the payout file.
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { ExpenseClaimsTable, Schema } from '../db/schema.ts';
import {
  type ClaimStatus,
  type ExpenseKind,
  type ExpenseRules,
  isClaimStatus,
  isExpenseKind,
  isStipendBasis,
  noExpenseRules,
} from '../domain/stipends.ts';
import type { Executor } from './executor.ts';

/** The rules of an assembly; no rules stored reads as no stipend and nothing reimbursed. */
export async function findExpenseRules(db: Executor, assemblyId: string): Promise<ExpenseRules> {
  const row = await db
    .selectFrom('expense_rules')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .executeTakeFirst();
  if (!row) return noExpenseRules;
  if (!isStipendBasis(row.stipend_basis))
    throw new Error(`expense rules of ${assemblyId} have an unknown basis`);
  return {
    stipendBasis: row.stipend_basis,
    stipendOre: row.stipend_ore,
    limits: {
      travel: row.travel_limit_ore,
      overnight: row.overnight_limit_ore,
      childcare: row.childcare_limit_ore,
      care: row.care_limit_ore,
      assistant: row.assistant_limit_ore,
    },
  };
}

export async function saveExpenseRules(
  db: Executor,
  assemblyId: string,
  rules: ExpenseRules,
  at: string,
): Promise<void> {
  const values = {
    stipend_basis: rules.stipendBasis,
    stipend_ore: rules.stipendOre,
    travel_limit_ore: rules.limits.travel,
    overnight_limit_ore: rules.limits.overnight,
    childcare_limit_ore: rules.limits.childcare,
    care_limit_ore: rules.limits.care,
    assistant_limit_ore: rules.limits.assistant,
    updated_at: at,
  };
  await db
    .insertInto('expense_rules')
    .values({ assembly_id: assemblyId, ...values })
    .onConflict((oc) => oc.column('assembly_id').doUpdateSet(values))
    .execute();
}

/**
 * Holds the assembly's rules row until the transaction ends (on PostgreSQL a row lock; SQLite runs one
 * write transaction at a time anyway), so that two payouts of the same stipend cannot both see it
 * still due.
 */
export async function lockExpenseRules(db: Executor, assemblyId: string): Promise<void> {
  await db
    .updateTable('expense_rules')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('assembly_id', '=', assemblyId)
    .execute();
}

/** A claim as the pages and rules read it. */
export interface ExpenseClaim {
  id: string;
  assemblyId: string;
  personId: string;
  sessionId: string;
  kind: ExpenseKind;
  amountOre: number;
  description: string;
  receipt: { key: string; name: string; type: string; size: number } | null;
  status: ClaimStatus;
  approvedOre: number | null;
  reason: string;
  /** 'self', or the staff account that claimed on her behalf. */
  submittedBy: string;
  submittedAt: string;
  decidedAt: string | null;
  paidAt: string | null;
  erasedAt: string | null;
}

function decode(row: Selectable<ExpenseClaimsTable>): ExpenseClaim {
  if (!isExpenseKind(row.kind) || !isClaimStatus(row.status))
    throw new Error(`expense claim ${row.id} has an unknown kind or status`);
  const receipt =
    row.receipt_key && row.receipt_name && row.receipt_type && row.receipt_size !== null
      ? { key: row.receipt_key, name: row.receipt_name, type: row.receipt_type, size: row.receipt_size }
      : null;
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    personId: row.person_id,
    sessionId: row.session_id,
    kind: row.kind,
    amountOre: row.amount_ore,
    description: row.description,
    receipt,
    status: row.status,
    approvedOre: row.approved_ore,
    reason: row.reason,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    paidAt: row.paid_at,
    erasedAt: row.erased_at,
  };
}

export interface NewClaim {
  id: string;
  assemblyId: string;
  personId: string;
  sessionId: string;
  kind: ExpenseKind;
  amountOre: number;
  description: string;
  /** Null only for the demo's claims, made without a data folder to keep a file in. */
  receipt: { key: string; name: string; type: string; size: number } | null;
  submittedBy: string;
  submittedAt: string;
}

export async function insertClaim(db: Executor, claim: NewClaim): Promise<void> {
  await db
    .insertInto('expense_claims')
    .values({
      id: claim.id,
      assembly_id: claim.assemblyId,
      person_id: claim.personId,
      session_id: claim.sessionId,
      kind: claim.kind,
      amount_ore: claim.amountOre,
      description: claim.description,
      receipt_key: claim.receipt?.key ?? null,
      receipt_name: claim.receipt?.name ?? null,
      receipt_type: claim.receipt?.type ?? null,
      receipt_size: claim.receipt?.size ?? null,
      status: 'submitted',
      submitted_by: claim.submittedBy,
      submitted_at: claim.submittedAt,
    })
    .execute();
}

export async function findClaim(db: Executor, assemblyId: string, id: string): Promise<ExpenseClaim | null> {
  const row = await db
    .selectFrom('expense_claims')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? decode(row) : null;
}

/** Every claim of an assembly, newest first. */
export async function listClaims(db: Executor, assemblyId: string): Promise<ExpenseClaim[]> {
  const rows = await db
    .selectFrom('expense_claims')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decode);
}

/** One member's claims, newest first. */
export async function listClaimsOf(
  db: Executor,
  assemblyId: string,
  personId: string,
): Promise<ExpenseClaim[]> {
  const rows = await db
    .selectFrom('expense_claims')
    .selectAll()
    .where('assembly_id', '=', assemblyId)
    .where('person_id', '=', personId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decode);
}

/** A decision on a submitted claim; false when it was no longer submitted (someone decided first). */
export async function decideClaim(
  db: Executor,
  assemblyId: string,
  id: string,
  decision: { status: 'approved' | 'rejected'; approvedOre: number | null; reason: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('expense_claims')
    .set({
      status: decision.status,
      approved_ore: decision.approvedOre,
      reason: decision.reason,
      decided_at: decision.at,
    })
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an approved claim paid; false when it was not approved. */
export async function markClaimPaid(
  db: Executor,
  assemblyId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('expense_claims')
    .set({ status: 'paid', paid_at: at })
    .where('assembly_id', '=', assemblyId)
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Erases what a member's claims say about her: the description blanked, the receipt forgotten (its
 * keys returned, for the files to be deleted once this commits). Kinds, amounts, statuses and dates
 * stay: they are the assembly's accounts.
 */
export async function eraseClaimsOf(db: Executor, personId: string, at: string): Promise<string[]> {
  const rows = await db
    .selectFrom('expense_claims')
    .select('receipt_key')
    .where('person_id', '=', personId)
    .where('receipt_key', 'is not', null)
    .execute();
  await db
    .updateTable('expense_claims')
    .set({
      description: '',
      receipt_key: null,
      receipt_name: null,
      receipt_type: null,
      receipt_size: null,
      erased_at: at,
    })
    .where('person_id', '=', personId)
    .where('erased_at', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.receipt_key ? [r.receipt_key] : []));
}

/**
 * Forgets the receipts (and blanks the descriptions) of claims rejected before `rejectedBefore` or
 * paid before `paidBefore`; returns the receipts' keys, for the files to be deleted once committed.
 */
export async function expireClaimReceipts(
  db: Executor,
  limits: { rejectedBefore: string; paidBefore: string; heldAssemblies?: readonly string[] },
): Promise<{ key: string; assemblyId: string }[]> {
  const held = limits.heldAssemblies ?? [];
  // An organiser holding her assembly's receipts (a tax audit, a dispute) keeps them past their day.
  const expired = (eb: ExpressionBuilder<Schema, 'expense_claims'>) =>
    eb.and([
      eb.or([
        eb.and([eb('status', '=', 'rejected'), eb('decided_at', '<', limits.rejectedBefore)]),
        eb.and([eb('status', '=', 'paid'), eb('paid_at', '<', limits.paidBefore)]),
      ]),
      ...(held.length > 0 ? [eb('assembly_id', 'not in', held)] : []),
    ]);
  const rows = await db
    .selectFrom('expense_claims')
    .select(['receipt_key', 'assembly_id'])
    .where('receipt_key', 'is not', null)
    .where(expired)
    .execute();
  await db
    .updateTable('expense_claims')
    .set({ description: '', receipt_key: null, receipt_name: null, receipt_type: null, receipt_size: null })
    .where((eb) => eb.or([eb('receipt_key', 'is not', null), eb('description', '!=', '')]))
    .where(expired)
    .execute();
  return rows.flatMap((r) => (r.receipt_key ? [{ key: r.receipt_key, assemblyId: r.assembly_id }] : []));
}

/** A stipend payout recorded for a member. */
export interface StipendPayout {
  personId: string;
  amountOre: number;
  paidAt: string;
}

export async function insertStipendPayout(
  db: Executor,
  payout: {
    id: string;
    assemblyId: string;
    personId: string;
    amountOre: number;
    paidAt: string;
    paidBy: string;
  },
): Promise<void> {
  await db
    .insertInto('stipend_payouts')
    .values({
      id: payout.id,
      assembly_id: payout.assemblyId,
      person_id: payout.personId,
      amount_ore: payout.amountOre,
      paid_at: payout.paidAt,
      paid_by: payout.paidBy,
    })
    .execute();
}

export async function listStipendPayouts(
  db: Executor,
  assemblyId: string,
  personId?: string,
): Promise<StipendPayout[]> {
  let query = db
    .selectFrom('stipend_payouts')
    .select(['person_id', 'amount_ore', 'paid_at'])
    .where('assembly_id', '=', assemblyId);
  if (personId) query = query.where('person_id', '=', personId);
  const rows = await query.orderBy('paid_at').execute();
  return rows.map((r) => ({ personId: r.person_id, amountOre: r.amount_ore, paidAt: r.paid_at }));
}

/** The confirmed panel of an assembly (who may claim), by reference. */
export async function listConfirmedMemberIds(db: Executor, assemblyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('assembly_id', '=', assemblyId)
    .where('status', '=', 'confirmed')
    .where('erased_at', 'is', null)
    .orderBy('reference')
    .execute();
  return rows.map((r) => r.id);
}

/** Which of these keys an expense claim names as its receipt. */
export async function namedReceipts(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('expense_claims')
    .select('receipt_key')
    .where('receipt_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.receipt_key as string));
}
