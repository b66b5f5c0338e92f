/** The money rules: stipends per session and per hour, claims, limits, payouts and calendar years. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttendanceMark } from './attendance.ts';
import type { TimedSession } from './programme.ts';
import {
  approvalRefusal,
  attendedSessionIds,
  claimRefusals,
  type ExpenseRules,
  kontrolluppgiftThresholdOre,
  kronorText,
  memberMoney,
  noExpenseRules,
  parseKronor,
  readRules,
  reasonRefusal,
  receiptRefusal,
  sessionStipend,
  stipendsByMember,
  yearTotals,
} from './stipends.ts';

function session(id: string, startsAt: string, endsAt: string, status: TimedSession['status'] = 'published') {
  return { id, type: 'learning' as const, status, startsAt, endsAt };
}

function mark(sessionId: string, personId: string, extra: Partial<AttendanceMark> = {}): AttendanceMark {
  return {
    sessionId,
    personId,
    status: 'present',
    arrivedAt: null,
    leftAt: null,
    reason: '',
    method: 'door',
    markedAt: '2026-12-01T00:00:00.000Z',
    markedBy: 'host',
    ...extra,
  };
}

const day = session('day', '2026-10-24T08:00:00.000Z', '2026-10-24T14:00:00.000Z');
const perSession: ExpenseRules = { ...noExpenseRules, stipendBasis: 'session', stipendOre: 50_000 };
const perHour: ExpenseRules = { ...noExpenseRules, stipendBasis: 'hour', stipendOre: 15_050 };

test('kronor are read as people type them, in whole öre, and written back with two decimals', () => {
  assert.equal(parseKronor('120'), 12_000);
  assert.equal(parseKronor('120,5'), 12_050);
  assert.equal(parseKronor('1 234.56 kr'), 123_456);
  assert.equal(parseKronor('0'), 0);
  assert.equal(parseKronor('-5'), -500);
  assert.equal(parseKronor('12,345'), null, 'three decimals');
  assert.equal(parseKronor('1e5'), null);
  assert.equal(parseKronor(''), null);
  assert.equal(kronorText(123_456), '1234.56');
  assert.equal(kronorText(5), '0.05');
});

test('a per-session stipend pays the whole amount however late she came or early she left', () => {
  assert.equal(sessionStipend(perSession, day, mark('day', 'p')), 50_000);
  const late = mark('day', 'p', {
    arrivedAt: '2026-10-24T11:00:00.000Z',
    leftAt: '2026-10-24T12:00:00.000Z',
  });
  assert.equal(sessionStipend(perSession, day, late), 50_000);
  assert.equal(sessionStipend(perSession, day, mark('day', 'p', { status: 'absent' })), 0);
  assert.equal(sessionStipend(perSession, day, mark('day', 'p', { status: 'excused' })), 0);
  assert.equal(sessionStipend(perSession, day, undefined), 0, 'not marked');
  assert.equal(sessionStipend(noExpenseRules, day, mark('day', 'p')), 0, 'no stipend');
});

test('a per-hour stipend pays the hours in the room: late arrival and early leaving count', () => {
  assert.equal(sessionStipend(perHour, day, mark('day', 'p')), 6 * 15_050);
  // Came an hour and a half late, left half an hour early: four hours.
  const partly = mark('day', 'p', {
    arrivedAt: '2026-10-24T09:30:00.000Z',
    leftAt: '2026-10-24T13:30:00.000Z',
  });
  assert.equal(sessionStipend(perHour, day, partly), 4 * 15_050);
  // Twenty minutes: a third of an hour, rounded to the öre.
  const brief = mark('day', 'p', { arrivedAt: '2026-10-24T13:40:00.000Z' });
  assert.equal(sessionStipend(perHour, day, brief), Math.round(15_050 / 3));
  const cancelled = session('c', day.startsAt, day.endsAt, 'cancelled');
  assert.equal(sessionStipend(perHour, cancelled, mark('c', 'p')), 0, 'a cancelled session pays nothing');
});

test('stipend totals across a year boundary count each session in its own (Swedish) year', () => {
  const sessions = [
    session('dec', '2026-12-12T09:00:00.000Z', '2026-12-12T15:00:00.000Z'),
    // New Year's Eve until after midnight in Sweden (23:00 UTC is 00:00 on 1 January in Stockholm).
    session('eve', '2026-12-31T23:00:00.000Z', '2027-01-01T01:00:00.000Z'),
    session('jan', '2027-01-16T09:00:00.000Z', '2027-01-16T15:00:00.000Z'),
  ];
  const marks = [mark('dec', 'anna'), mark('eve', 'anna'), mark('jan', 'anna'), mark('jan', 'bo')];
  const totals = stipendsByMember(perSession, sessions, marks);
  const anna = totals.get('anna');
  assert.equal(anna?.totalOre, 150_000);
  assert.deepEqual(
    [...(anna?.byYear ?? [])],
    [
      [2026, 50_000],
      [2027, 100_000],
    ],
  );
  assert.deepEqual([...(totals.get('bo')?.byYear ?? [])], [[2027, 50_000]]);
  // Claims count in the year they were paid (a December claim paid in January is January's).
  const years = yearTotals(anna, [
    { status: 'paid', approvedOre: 30_000, paidAt: '2027-01-05T10:00:00.000Z' },
    { status: 'approved', approvedOre: 99_900, paidAt: null },
  ]);
  assert.deepEqual(years, [
    { year: 2026, stipendOre: 50_000, reimbursedOre: 0, reportable: false },
    { year: 2027, stipendOre: 100_000, reimbursedOre: 30_000, reportable: true },
  ]);
});

test('the kontrolluppgift threshold is 1 000 kr of stipends in a year, reached at exactly 1 000 kr', () => {
  assert.equal(kontrolluppgiftThresholdOre, 100_000);
  const below = { totalOre: 99_999, byYear: new Map([[2026, 99_999]]) };
  assert.equal(yearTotals(below, [])[0].reportable, false);
  const at = { totalOre: 100_000, byYear: new Map([[2026, 100_000]]) };
  assert.equal(yearTotals(at, [])[0].reportable, true);
  // Reimbursed costs are not pay: a large one does not make the year reportable.
  const costs = yearTotals(undefined, [
    { status: 'paid', approvedOre: 500_000, paidAt: '2026-06-01T10:00:00Z' },
  ]);
  assert.equal(costs[0].reportable, false);
});

const rules: ExpenseRules = {
  ...perSession,
  limits: { ...noExpenseRules.limits, travel: 50_000, childcare: 80_000 },
};

test('a claim must be for a session she attended, a kind reimbursed, and a sane amount', () => {
  const attended = new Set(['day']);
  const good = { sessionId: 'day', kind: 'travel', amount: '245,50', description: 'Train and back' };
  assert.deepEqual(claimRefusals(good, rules, attended), []);
  const fields = (input: typeof good) =>
    claimRefusals(input, rules, attended).map((r) => `${r.field}:${r.code}`);
  assert.deepEqual(fields({ ...good, sessionId: 'missed' }), ['session_id:claim_session_missed']);
  assert.deepEqual(fields({ ...good, kind: 'assistant' }), ['kind:claim_kind_not_reimbursed']);
  assert.deepEqual(fields({ ...good, amount: '0' }), ['amount:amount_not_positive']);
  assert.deepEqual(fields({ ...good, amount: '-10' }), ['amount:amount_not_positive']);
  assert.deepEqual(fields({ ...good, amount: '1000000' }), ['amount:amount_too_large']);
  assert.deepEqual(fields({ ...good, amount: 'lots' }), ['amount:amount_invalid']);
  assert.deepEqual(fields({ ...good, description: '  ' }), ['description:required']);
  assert.deepEqual(fields({ sessionId: '', kind: '', amount: '', description: '' }), [
    'session_id:required',
    'kind:required',
    'amount:amount_invalid',
    'description:required',
  ]);
});

test('the sessions she may claim for are the published ones she was present at', () => {
  const sessions = [
    day,
    session('gone', day.startsAt, day.endsAt, 'cancelled'),
    session('other', day.startsAt, day.endsAt),
  ];
  const marks = [mark('day', 'p'), mark('gone', 'p'), mark('other', 'p', { status: 'absent' })];
  assert.deepEqual([...attendedSessionIds(sessions, marks)], ['day']);
});

test('claims over a limit are refused, not capped: the organiser approves at most the limit', () => {
  const claim = { kind: 'travel' as const, amountOre: 80_000, status: 'submitted' as const };
  assert.equal(approvalRefusal(claim, rules, '500'), null, 'exactly the limit');
  assert.equal(approvalRefusal(claim, rules, '500,01')?.code, 'claim_over_limit');
  assert.deepEqual(approvalRefusal(claim, rules, '600')?.params, { limit: '500.00' });
  const small = { ...claim, amountOre: 20_000 };
  assert.equal(approvalRefusal(small, rules, '250')?.code, 'claim_over_claimed');
  assert.equal(approvalRefusal(small, rules, '0')?.code, 'amount_not_positive');
  assert.equal(approvalRefusal({ ...claim, status: 'approved' }, rules, '100')?.code, 'claim_not_open');
  assert.equal(approvalRefusal({ ...claim, kind: 'care' }, rules, '100')?.code, 'claim_kind_not_reimbursed');
});

test('a rejection needs a reason; a receipt is checked for size before type', () => {
  assert.equal(reasonRefusal('  ')?.code, 'claim_reason_required');
  assert.equal(reasonRefusal('No receipt date'), null);
  assert.equal(receiptRefusal(null, undefined, 100)?.code, 'claim_receipt_required');
  assert.equal(receiptRefusal({ size: 101 }, undefined, 100)?.code, 'claim_receipt_too_large');
  assert.equal(receiptRefusal({ size: 10 }, undefined, 100), null, 'size checked, bytes not yet read');
  assert.equal(receiptRefusal({ size: 10 }, null, 100)?.code, 'claim_receipt_type');
  assert.equal(receiptRefusal({ size: 10 }, 'image/jpeg', 100), null);
});

test('the rules form is read whole, every problem named by its field', () => {
  const off = { reimbursed: false, limit: '' };
  const input = {
    stipendBasis: 'hour',
    stipendAmount: '150',
    kinds: {
      travel: { reimbursed: true, limit: '500' },
      overnight: off,
      childcare: off,
      care: off,
      assistant: off,
    },
  };
  const read = readRules(input);
  assert.ok('rules' in read);
  assert.equal(read.rules.stipendOre, 15_000);
  assert.equal(read.rules.limits.travel, 50_000);
  assert.equal(read.rules.limits.care, null);
  const bad = readRules({
    ...input,
    stipendAmount: '',
    kinds: { ...input.kinds, care: { reimbursed: true, limit: '0' } },
  });
  assert.ok('refusals' in bad);
  assert.deepEqual(
    bad.refusals.map((r) => `${r.field}:${r.code}`),
    ['stipend_amount:amount_invalid', 'limit_care:amount_not_positive'],
  );
  const none = readRules({ ...input, stipendBasis: 'none', stipendAmount: '' });
  assert.ok('rules' in none && none.rules.stipendOre === 0);
});

test("a member's money: stipend due is what she earned less what was paid; approved claims are due", () => {
  const money = memberMoney(150_000, 50_000, [
    { status: 'approved', approvedOre: 20_000 },
    { status: 'paid', approvedOre: 10_000 },
    { status: 'submitted', approvedOre: null },
    { status: 'rejected', approvedOre: null },
  ]);
  assert.deepEqual(money, {
    stipendOre: 150_000,
    stipendPaidOre: 50_000,
    stipendDueOre: 100_000,
    claimsDueOre: 20_000,
    claimsPaidOre: 10_000,
    dueOre: 120_000,
  });
});
