/**
 * The money rules of an assembly, without I/O: the stipend members earn for the sessions they attend
 * (per session or per hour in the room), the expenses reimbursed and their limits, what a claim must
 * say, and how payouts and yearly totals are reckoned. Money is whole öre (integers), so that no sum
 * drifts by a rounding; kronor appear only where people type or read them.
 */
import { type AttendanceMark, attendedHours } from './attendance.ts';
import { hasControlCharacters } from './field-limits.ts';
import { swedishDay, type TimedSession } from './programme.ts';

export const stipendBases = ['none', 'session', 'hour'] as const;
export type StipendBasis = (typeof stipendBases)[number];

/** What members may claim: travel, an overnight stay, childcare, care of a relative, an assistant. */
export const expenseKinds = ['travel', 'overnight', 'childcare', 'care', 'assistant'] as const;
export type ExpenseKind = (typeof expenseKinds)[number];

export const claimStatuses = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

export function isStipendBasis(value: string): value is StipendBasis {
  return (stipendBases as readonly string[]).includes(value);
}
export function isExpenseKind(value: string): value is ExpenseKind {
  return (expenseKinds as readonly string[]).includes(value);
}
export function isClaimStatus(value: string): value is ClaimStatus {
  return (claimStatuses as readonly string[]).includes(value);
}

/** An assembly's rules. A kind whose limit is null is not reimbursed. */
export interface ExpenseRules {
  stipendBasis: StipendBasis;
  /** Per session or per hour, by the basis; 0 when there is no stipend. */
  stipendOre: number;
  limits: Record<ExpenseKind, number | null>;
}

/** Until the organisers set them: no stipend, nothing reimbursed. */
export const noExpenseRules: ExpenseRules = {
  stipendBasis: 'none',
  stipendOre: 0,
  limits: { travel: null, overnight: null, childcare: null, care: null, assistant: null },
};

/**
 * Amounts past these are a typing slip (an extra zero), not a cost: a stipend of 10 000 kr per
 * session or hour, a claim of 50 000 kr.
 */
export const maxStipendOre = 1_000_000;
export const maxClaimOre = 5_000_000;

/** A claim's description: a line or two ("Train Uppsala–Stockholm and back"). */
export const claimDescriptionMax = 500;
/** A rejection's reason, shown to the member. */
export const claimReasonMax = 500;

/** The largest receipt: within the web server's upload allowance (10 MB by default), with room to spare. */
export const receiptMaxBytes = 8_000_000;

/**
 * Skatteverket's threshold for a kontrolluppgift (KU10): a payer reports what it paid someone for
 * work when it comes to at least 1 000 kr in a calendar year (Skatteförfarandelagen 15 kap. 2 §).
 * Stipends are payment for work; reimbursed expenses with receipts are not counted here.
 */
export const kontrolluppgiftThresholdOre = 100_000;

/** One thing wrong with a form, next to its field: `code` is a message key under `errors.`. */
export interface Refusal {
  code: string;
  field: string;
  params: Record<string, string | number>;
}

/**
 * Kronor as people type them ("120", "120,50", "1 234.5", "99 kr") in öre, or null when it is not an
 * amount with at most two decimals.
 */
export function parseKronor(text: string): number | null {
  const clean = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(kr|sek|:-)$/i, '')
    .replace(',', '.');
  if (!/^-?\d{1,9}(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, fraction = ''] = clean.replace('-', '').split('.');
  const ore = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return clean.startsWith('-') ? -ore : ore;
}

/** Öre as kronor with two decimals and a decimal point ("1234.50"), as files for payroll want them. */
export function kronorText(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Refusals of an amount typed into `field`: it must be a positive amount within `max`. */
export function amountRefusal(field: string, ore: number | null, max: number): Refusal | null {
  if (ore === null) return { code: 'amount_invalid', field, params: {} };
  if (ore <= 0) return { code: 'amount_not_positive', field, params: {} };
  if (ore > max) return { code: 'amount_too_large', field, params: { max: kronorText(max) } };
  return null;
}

/** The rules as the organisers' form sends them: amounts as typed, each kind on or off. */
export interface RulesInput {
  stipendBasis: string;
  stipendAmount: string;
  kinds: Record<ExpenseKind, { reimbursed: boolean; limit: string }>;
}

/** The rules, or every refusal of the form (field names as the form's: `stipend_amount`, `limit_travel`). */
export function readRules(input: RulesInput): { rules: ExpenseRules } | { refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  const basis = isStipendBasis(input.stipendBasis) ? input.stipendBasis : null;
  if (!basis) refusals.push({ code: 'required', field: 'stipend_basis', params: {} });
  let stipendOre = 0;
  if (basis && basis !== 'none') {
    stipendOre = parseKronor(input.stipendAmount) ?? Number.NaN;
    const refusal = amountRefusal(
      'stipend_amount',
      Number.isNaN(stipendOre) ? null : stipendOre,
      maxStipendOre,
    );
    if (refusal) refusals.push(refusal);
  }
  const limits = { ...noExpenseRules.limits };
  for (const kind of expenseKinds) {
    const { reimbursed, limit } = input.kinds[kind];
    if (!reimbursed) continue;
    const ore = parseKronor(limit);
    const refusal = amountRefusal(`limit_${kind}`, ore, maxClaimOre);
    if (refusal) refusals.push(refusal);
    else limits[kind] = ore;
  }
  if (refusals.length > 0 || !basis) return { refusals };
  return { rules: { stipendBasis: basis, stipendOre, limits } };
}

/**
 * The stipend for one session: per session, the whole amount to a member marked present (however
 * late she came or early she left, as long as she was there at all); per hour, the amount for each
 * hour she was in the room (by `attendedHours`), rounded to the öre. Cancelled and draft sessions pay
 * nothing.
 */
export function sessionStipend(
  rules: Pick<ExpenseRules, 'stipendBasis' | 'stipendOre'>,
  session: Pick<TimedSession, 'startsAt' | 'endsAt' | 'status'>,
  mark: Pick<AttendanceMark, 'status' | 'arrivedAt' | 'leftAt'> | undefined,
): number {
  if (session.status !== 'published' || rules.stipendBasis === 'none') return 0;
  const hours = attendedHours(session, mark);
  if (hours <= 0) return 0;
  return rules.stipendBasis === 'session' ? rules.stipendOre : Math.round(rules.stipendOre * hours);
}

/** The calendar year (Swedish time) an instant falls in. */
export function swedishYear(at: string): number {
  return Number(swedishDay(at).slice(0, 4));
}

/** A member's stipends: the total and by the calendar year of each session. */
export interface StipendTotals {
  totalOre: number;
  byYear: Map<number, number>;
}

/** Every member's stipends from the marks: sessions count in the (Swedish) year they took place. */
export function stipendsByMember(
  rules: ExpenseRules,
  sessions: readonly TimedSession[],
  marks: readonly AttendanceMark[],
): Map<string, StipendTotals> {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const out = new Map<string, StipendTotals>();
  for (const mark of marks) {
    const session = byId.get(mark.sessionId);
    if (!session) continue;
    const ore = sessionStipend(rules, session, mark);
    if (ore === 0) continue;
    const totals = out.get(mark.personId) ?? { totalOre: 0, byYear: new Map<number, number>() };
    totals.totalOre += ore;
    const year = swedishYear(session.startsAt);
    totals.byYear.set(year, (totals.byYear.get(year) ?? 0) + ore);
    out.set(mark.personId, totals);
  }
  return out;
}

/** A claim as the rules read it. */
export interface ClaimFacts {
  kind: ExpenseKind;
  amountOre: number;
  status: ClaimStatus;
  approvedOre: number | null;
  paidAt: string | null;
}

/** What a member's claim must be: of a session she was marked present at, a kind reimbursed, a sane amount. */
export interface ClaimInput {
  sessionId: string;
  kind: string;
  /** As typed. */
  amount: string;
  description: string;
}

/** The claim's refusals, in the form's order; `attended` holds the sessions she was marked present at. */
export function claimRefusals(
  input: ClaimInput,
  rules: ExpenseRules,
  attended: ReadonlySet<string>,
): Refusal[] {
  const out: Refusal[] = [];
  if (!input.sessionId) out.push({ code: 'required', field: 'session_id', params: {} });
  else if (!attended.has(input.sessionId))
    out.push({ code: 'claim_session_missed', field: 'session_id', params: {} });
  if (!isExpenseKind(input.kind)) out.push({ code: 'required', field: 'kind', params: {} });
  else if (rules.limits[input.kind] === null)
    out.push({ code: 'claim_kind_not_reimbursed', field: 'kind', params: {} });
  const amount = amountRefusal('amount', parseKronor(input.amount), maxClaimOre);
  if (amount) out.push(amount);
  const description = input.description.trim();
  if (!description) out.push({ code: 'required', field: 'description', params: {} });
  else if (description.length > claimDescriptionMax)
    out.push({ code: 'too_long', field: 'description', params: { max: claimDescriptionMax } });
  else if (hasControlCharacters(description, true))
    out.push({ code: 'control_characters', field: 'description', params: {} });
  return out;
}

/**
 * Why an approval of `approved` (as typed) is refused, or null. Claims over a limit are refused, not
 * capped: the organiser types the amount to pay (at most the kind's limit and at most what was
 * claimed), so the member's claim shows what she spent and the approval what she gets, and nothing
 * changes an amount behind anyone's back.
 */
export function approvalRefusal(
  claim: Pick<ClaimFacts, 'kind' | 'amountOre' | 'status'>,
  rules: ExpenseRules,
  approved: string,
): Refusal | null {
  if (claim.status !== 'submitted') return { code: 'claim_not_open', field: 'approved_amount', params: {} };
  const limit = rules.limits[claim.kind];
  if (limit === null) return { code: 'claim_kind_not_reimbursed', field: 'approved_amount', params: {} };
  const ore = parseKronor(approved);
  const refusal = amountRefusal('approved_amount', ore, maxClaimOre);
  if (refusal || ore === null) return refusal;
  if (ore > limit)
    return { code: 'claim_over_limit', field: 'approved_amount', params: { limit: kronorText(limit) } };
  if (ore > claim.amountOre)
    return {
      code: 'claim_over_claimed',
      field: 'approved_amount',
      params: { claimed: kronorText(claim.amountOre) },
    };
  return null;
}

/** A member's money: what she earned and was approved, what has been paid, what is still due. */
export interface MemberMoney {
  stipendOre: number;
  stipendPaidOre: number;
  stipendDueOre: number;
  /** Approved claims not yet paid. */
  claimsDueOre: number;
  claimsPaidOre: number;
  dueOre: number;
}

/** The figures of one member from her stipends, her claims and the stipend payouts recorded. */
export function memberMoney(
  stipendOre: number,
  stipendPaidOre: number,
  claims: readonly Pick<ClaimFacts, 'status' | 'approvedOre'>[],
): MemberMoney {
  const approved = (status: ClaimStatus) =>
    claims.filter((c) => c.status === status).reduce((sum, c) => sum + (c.approvedOre ?? 0), 0);
  const claimsDueOre = approved('approved');
  const stipendDueOre = Math.max(0, stipendOre - stipendPaidOre);
  return {
    stipendOre,
    stipendPaidOre,
    stipendDueOre,
    claimsDueOre,
    claimsPaidOre: approved('paid'),
    dueOre: stipendDueOre + claimsDueOre,
  };
}

/** One member's calendar year, as a kontrolluppgift reads it. */
export interface YearTotal {
  year: number;
  stipendOre: number;
  reimbursedOre: number;
  /** The stipends reach the kontrolluppgift threshold: the payer must report them. */
  reportable: boolean;
}

/**
 * A member's totals per calendar year: stipends in the year of their session (what was earned
 * then), reimbursements in the year they were paid (a claim is money only once paid).
 */
export function yearTotals(
  stipends: StipendTotals | undefined,
  claims: readonly Pick<ClaimFacts, 'status' | 'approvedOre' | 'paidAt'>[],
): YearTotal[] {
  const years = new Map<number, { stipendOre: number; reimbursedOre: number }>();
  const entry = (year: number) => {
    const found = years.get(year) ?? { stipendOre: 0, reimbursedOre: 0 };
    years.set(year, found);
    return found;
  };
  for (const [year, ore] of stipends?.byYear ?? []) entry(year).stipendOre += ore;
  for (const claim of claims)
    if (claim.status === 'paid' && claim.paidAt)
      entry(swedishYear(claim.paidAt)).reimbursedOre += claim.approvedOre ?? 0;
  return [...years]
    .sort(([a], [b]) => a - b)
    .map(([year, t]) => ({ year, ...t, reportable: t.stipendOre >= kontrolluppgiftThresholdOre }));
}

/** What is wrong with a rejection's reason, or null. */
export function reasonRefusal(reason: string): Refusal | null {
  const text = reason.trim();
  if (!text) return { code: 'claim_reason_required', field: 'reason', params: {} };
  if (text.length > claimReasonMax)
    return { code: 'too_long', field: 'reason', params: { max: claimReasonMax } };
  if (hasControlCharacters(text, true)) return { code: 'control_characters', field: 'reason', params: {} };
  return null;
}

/**
 * What is wrong with a receipt, or null when it may be kept. Its size is checked before its bytes are
 * read (`fileType` undefined), then its type as read from them (null: neither a PDF nor an image).
 */
export function receiptRefusal(
  file: { size: number } | null,
  fileType: string | null | undefined,
  maxBytes: number,
): Refusal | null {
  if (!file) return { code: 'claim_receipt_required', field: 'receipt', params: {} };
  if (file.size > maxBytes)
    return { code: 'claim_receipt_too_large', field: 'receipt', params: { mb: maxBytes / 1_000_000 } };
  if (fileType === null) return { code: 'claim_receipt_type', field: 'receipt', params: {} };
  return null;
}

/**
 * The sessions a member may claim for: published ones she was marked present at for some time. A
 * cancelled session, or one she missed or was excused from, gives no claim.
 */
export function attendedSessionIds(
  sessions: readonly TimedSession[],
  marks: readonly Pick<AttendanceMark, 'sessionId' | 'status' | 'arrivedAt' | 'leftAt'>[],
): Set<string> {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const out = new Set<string>();
  for (const mark of marks) {
    const session = byId.get(mark.sessionId);
    if (session?.status === 'published' && attendedHours(session, mark) > 0) out.add(session.id);
  }
  return out;
}
