/**
 * Stipends and expenses: the organisers' rules, a member's claim (made by herself through her link,
 * or by an organiser on her behalf) with its receipt, the organiser's approval, rejection and
 * payment, and stipend payouts. Each change writes its audit event in the same transaction; the
 * audit keeps ids and amounts, never a description (it may say something personal).
 */
import type { Database } from '../db/connect.ts';
import { isPersonStatus } from '../domain/person-status.ts';
import { can, memberRoleOf } from '../domain/roles.ts';
import {
  approvalRefusal,
  attendedSessionIds,
  type ClaimInput,
  claimRefusals,
  type ExpenseKind,
  memberMoney,
  parseKronor,
  type Refusal,
  type RulesInput,
  readRules,
  reasonRefusal,
  receiptRefusal,
  stipendsByMember,
} from '../domain/stipends.ts';
import { cleanUploadedFileName, type KeptUpload, uploadedFileType } from '../domain/uploaded-files.ts';
import { listAttendance, listAttendanceOf } from '../repositories/attendance.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  decideClaim,
  eraseClaimsOf,
  findClaim,
  findExpenseRules,
  insertClaim,
  insertStipendPayout,
  listClaimsOf,
  listStipendPayouts,
  lockExpenseRules,
  markClaimPaid,
  saveExpenseRules,
} from '../repositories/expenses.ts';
import { removeKeptFile } from '../repositories/kept-files.ts';
import { findPerson } from '../repositories/people.ts';
import { listSessions } from '../repositories/sessions.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';
import { discardKeptUpload } from './kept-uploads.ts';

/** Refuses with every problem at once, the first next to its field and the others next to theirs. */
function refuseAll(refusals: readonly (Refusal | null)[]): void {
  const [first, ...rest] = refusals.filter((r): r is Refusal => r !== null);
  if (first) throw new CommandError(first.code, first.field, first.params, rest);
}

export async function saveRules(database: Database, actor: Actor, assemblyId: string, input: RulesInput) {
  const read = readRules(input);
  if ('refusals' in read) return refuseAll(read.refusals);
  await inTransaction(database, async (trx, audit) => {
    await saveExpenseRules(trx, assemblyId, read.rules, now());
    const reimbursed = Object.entries(read.rules.limits).filter(([, limit]) => limit !== null);
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'expenses.rules',
      subjectType: 'assembly',
      subjectId: assemblyId,
      details: {
        stipendBasis: read.rules.stipendBasis,
        stipendOre: read.rules.stipendOre,
        reimbursed: reimbursed.map(([kind]) => kind).join(' '),
      },
    });
  });
}

/**
 * The receipt chosen in the form, already streamed into the receipts folder within its size limit
 * (see `src/web/file-form.ts`).
 */
export type ReceiptUpload = KeptUpload;

export interface ClaimFiles {
  dataDir: string;
  receipt: ReceiptUpload | null;
  /** The largest receipt taken: `receiptMaxBytes`, or the server's upload allowance when lower. */
  maxBytes: number;
}

/** Who the claim is for: a confirmed member of the assembly (a volunteer has no stipend or claims). */
async function claimant(db: Executor, assemblyId: string, personId: string) {
  const person = await findPerson(db, assemblyId, personId);
  if (!person || person.erased_at || !isPersonStatus(person.status))
    throw new CommandError('claim_not_member', 'person_id');
  if (!can(memberRoleOf(person.status), 'expenses:claim'))
    throw new CommandError('claim_not_member', 'person_id');
  return person;
}

/** The claim's refusals and its receipt's, all at once; the receipt's type as read from its first bytes. */
async function checkedClaim(
  db: Executor,
  assemblyId: string,
  personId: string,
  input: ClaimInput,
  files: ClaimFiles,
) {
  await claimant(db, assemblyId, personId);
  const rules = await findExpenseRules(db, assemblyId);
  const attended = attendedSessionIds(
    await listSessions(db, assemblyId),
    await listAttendanceOf(db, assemblyId, personId),
  );
  const { receipt } = files;
  const type = receipt && receipt.size <= files.maxBytes ? uploadedFileType(receipt.head) : undefined;
  refuseAll([...claimRefusals(input, rules, attended), receiptRefusal(receipt, type, files.maxBytes)]);
  if (!receipt?.key || !type) throw new CommandError('claim_receipt_required', 'receipt');
  return { key: receipt.key, type, amountOre: parseKronor(input.amount) as number };
}

/**
 * A claim, by the member herself (actor `person`) or by staff on her behalf; returns its id. The
 * receipt streamed for it becomes the claim's, or is removed when the claim is refused or fails, so
 * the data folder keeps no receipt that no claim names.
 */
export async function submitClaim(
  database: Database,
  files: ClaimFiles,
  actor: Actor,
  assemblyId: string,
  personId: string,
  input: ClaimInput,
): Promise<string> {
  const id = crypto.randomUUID();
  try {
    const checked = await checkedClaim(database.db, assemblyId, personId, input, files);
    await inTransaction(database, async (trx, audit) => {
      await insertClaim(trx, {
        id,
        assemblyId,
        personId,
        sessionId: input.sessionId,
        kind: input.kind as ExpenseKind,
        amountOre: checked.amountOre,
        description: input.description.trim(),
        receipt: {
          key: checked.key,
          name: cleanUploadedFileName(files.receipt?.name ?? ''),
          type: checked.type,
          size: files.receipt?.size ?? 0,
        },
        submittedBy: actorId(actor),
        submittedAt: now(),
      });
      await audit({
        actorId: actorId(actor),
        assemblyId,
        action: 'expenses.claim',
        subjectType: 'expense_claim',
        subjectId: id,
        details: { personId, kind: input.kind, amountOre: checked.amountOre },
      });
    });
  } catch (error) {
    if (files.receipt?.key) await discardKeptUpload(files.dataDir, 'receipts', files.receipt.key);
    throw error;
  }
  return id;
}

async function openClaim(db: Executor, assemblyId: string, claimId: string) {
  const claim = await findClaim(db, assemblyId, claimId);
  if (!claim) throw new CommandError('not_found');
  return claim;
}

/** Approves a submitted claim with the amount to pay (refused above the kind's limit or the claim). */
export async function approveClaim(
  database: Database,
  actor: Actor,
  assemblyId: string,
  claimId: string,
  approved: string,
): Promise<void> {
  await inTransaction(database, async (trx, audit) => {
    const claim = await openClaim(trx, assemblyId, claimId);
    refuseAll([approvalRefusal(claim, await findExpenseRules(trx, assemblyId), approved)]);
    // Attendance may have been corrected since she claimed: a session she missed pays no costs.
    const attended = attendedSessionIds(
      await listSessions(trx, assemblyId),
      await listAttendanceOf(trx, assemblyId, claim.personId),
    );
    if (!attended.has(claim.sessionId)) throw new CommandError('claim_no_longer_present', 'approved_amount');
    const approvedOre = parseKronor(approved) as number;
    if (
      !(await decideClaim(trx, assemblyId, claimId, {
        status: 'approved',
        approvedOre,
        reason: '',
        at: now(),
      }))
    )
      throw new CommandError('claim_not_open', 'approved_amount');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'expenses.approve',
      subjectType: 'expense_claim',
      subjectId: claimId,
      details: { approvedOre },
    });
  });
}

/** Rejects a submitted claim; the reason, which the member reads, is required. */
export async function rejectClaim(
  database: Database,
  actor: Actor,
  assemblyId: string,
  claimId: string,
  reason: string,
): Promise<void> {
  refuseAll([reasonRefusal(reason)]);
  await inTransaction(database, async (trx, audit) => {
    await openClaim(trx, assemblyId, claimId);
    const decided = await decideClaim(trx, assemblyId, claimId, {
      status: 'rejected',
      approvedOre: null,
      reason: reason.trim(),
      at: now(),
    });
    if (!decided) throw new CommandError('claim_not_open', 'reason');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'expenses.reject',
      subjectType: 'expense_claim',
      subjectId: claimId,
    });
  });
}

/** Marks an approved claim paid. */
export async function payClaim(database: Database, actor: Actor, assemblyId: string, claimId: string) {
  await inTransaction(database, async (trx, audit) => {
    await openClaim(trx, assemblyId, claimId);
    if (!(await markClaimPaid(trx, assemblyId, claimId, now()))) throw new CommandError('claim_not_approved');
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'expenses.paid',
      subjectType: 'expense_claim',
      subjectId: claimId,
    });
  });
}

/** Records that the stipend still due to a member has been paid; returns the amount (öre). */
export async function payStipend(
  database: Database,
  actor: Actor,
  assemblyId: string,
  personId: string,
): Promise<number> {
  return inTransaction(database, async (trx, audit) => {
    await lockExpenseRules(trx, assemblyId);
    const person = await findPerson(trx, assemblyId, personId);
    if (!person) throw new CommandError('not_found');
    const stipends = stipendsByMember(
      await findExpenseRules(trx, assemblyId),
      await listSessions(trx, assemblyId),
      (await listAttendance(trx, assemblyId)).filter((m) => m.personId === personId),
    );
    const paid = await listStipendPayouts(trx, assemblyId, personId);
    const money = memberMoney(
      stipends.get(personId)?.totalOre ?? 0,
      paid.reduce((sum, p) => sum + p.amountOre, 0),
      await listClaimsOf(trx, assemblyId, personId),
    );
    if (money.stipendDueOre <= 0) throw new CommandError('stipend_nothing_due');
    const id = crypto.randomUUID();
    await insertStipendPayout(trx, {
      id,
      assemblyId,
      personId,
      amountOre: money.stipendDueOre,
      paidAt: now(),
      paidBy: actorId(actor),
    });
    await audit({
      actorId: actorId(actor),
      assemblyId,
      action: 'expenses.stipend_paid',
      subjectType: 'person',
      subjectId: personId,
      details: { amountOre: money.stipendDueOre },
    });
    return money.stipendDueOre;
  });
}

/**
 * Erases a member's claims within her erasure's transaction (descriptions blanked, receipts
 * forgotten); returns the receipts' keys, to be deleted with `removeReceipts` once it has committed.
 */
export function eraseClaims(trx: Executor, personId: string, at: string): Promise<string[]> {
  return eraseClaimsOf(trx, personId, at);
}

export async function removeReceipts(dataDir: string, keys: readonly string[]): Promise<void> {
  for (const key of keys) await removeKeptFile(dataDir, 'receipts', key);
}
