import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AttendanceMark,
  arrivalAt,
  atRisk,
  attendanceSummary,
  attendedHours,
  clockWithin,
  countedSessions,
  doorsOpenAt,
  hoursDistribution,
  nameMatches,
  sessionAtDoor,
} from './attendance.ts';
import type { TimedSession } from './programme.ts';

const morning = { startsAt: '2026-03-14T08:00:00.000Z', endsAt: '2026-03-14T11:00:00.000Z' };
const mark = { status: 'present' as const, arrivedAt: null, leftAt: null };

test('a member present throughout attends the whole session', () => {
  assert.equal(attendedHours(morning, mark), 3);
});

test('coming late and leaving early take their time off the session', () => {
  assert.equal(attendedHours(morning, { ...mark, arrivedAt: '2026-03-14T08:30:00.000Z' }), 2.5);
  assert.equal(attendedHours(morning, { ...mark, leftAt: '2026-03-14T10:00:00.000Z' }), 2);
  assert.equal(
    attendedHours(morning, {
      ...mark,
      arrivedAt: '2026-03-14T09:00:00.000Z',
      leftAt: '2026-03-14T10:15:00.000Z',
    }),
    1.25,
  );
});

test('absent, excused, unmarked and impossible marks attend no hours', () => {
  assert.equal(attendedHours(morning, { ...mark, status: 'absent' }), 0);
  assert.equal(attendedHours(morning, { ...mark, status: 'excused' }), 0);
  assert.equal(attendedHours(morning, undefined), 0);
  assert.equal(
    attendedHours(morning, {
      ...mark,
      arrivedAt: '2026-03-14T10:00:00.000Z',
      leftAt: '2026-03-14T09:00:00.000Z',
    }),
    0,
  );
  // A time outside the session counts only what falls inside it.
  assert.equal(attendedHours(morning, { ...mark, arrivedAt: '2026-03-14T07:00:00.000Z' }), 3);
});

/** Four Saturday half-days (09:00–13:00 Swedish time, 4 hours each) in spring 2026. */
function halfDays(): TimedSession[] {
  return ['2026-03-07', '2026-03-14', '2026-03-21', '2026-03-28'].map((day, i) => ({
    id: `s${i + 1}`,
    type: 'learning' as const,
    status: 'published' as const,
    startsAt: `${day}T08:00:00.000Z`,
    endsAt: `${day}T12:00:00.000Z`,
  }));
}

function marked(sessionId: string, status: AttendanceMark['status'], times: Partial<AttendanceMark> = {}) {
  return { sessionId, status, arrivedAt: null, leftAt: null, ...times };
}

const afterAll = Date.parse('2026-04-01T00:00:00Z');

test('a member at 3 of 4 half-days attends 12 of 16 hours, and late and early hours come off', () => {
  const sessions = countedSessions(halfDays(), afterAll);
  const three = attendanceSummary(sessions, [
    marked('s1', 'present'),
    marked('s2', 'absent'),
    marked('s3', 'present'),
    marked('s4', 'present'),
  ]);
  assert.deepEqual(three, { hours: 12, possibleHours: 16, attended: 3, missedInARow: 0, atRisk: false });
  const partly = attendanceSummary(sessions, [
    marked('s1', 'present', { arrivedAt: '2026-03-07T08:30:00.000Z' }),
    marked('s2', 'present', { leftAt: '2026-03-14T11:00:00.000Z' }),
    marked('s3', 'present', { arrivedAt: '2026-03-21T09:00:00.000Z', leftAt: '2026-03-21T11:30:00.000Z' }),
    marked('s4', 'excused'),
  ]);
  assert.equal(partly.hours, 3.5 + 3 + 2.5);
  assert.equal(partly.attended, 3);
});

test('two missed in a row at the end put a member at risk; missed but back since does not', () => {
  const sessions = countedSessions(halfDays(), afterAll);
  // Absent, then not marked at all: nobody saw her at the last two.
  assert.ok(atRisk(sessions, [marked('s1', 'present'), marked('s2', 'present'), marked('s3', 'absent')]));
  // Missed two, then came back.
  assert.ok(!atRisk(sessions, [marked('s1', 'present'), marked('s4', 'present')]));
  // Missed two, but not in a row.
  assert.ok(
    !atRisk(sessions, [
      marked('s1', 'absent'),
      marked('s2', 'present'),
      marked('s3', 'absent'),
      marked('s4', 'present'),
    ]),
  );
  assert.ok(!atRisk(sessions, [marked('s1', 'present'), marked('s2', 'present'), marked('s3', 'present')]));
  // Excused is not a miss, but does not break a run of misses either.
  assert.ok(
    !atRisk(sessions, [
      marked('s1', 'present'),
      marked('s2', 'present'),
      marked('s3', 'excused'),
      marked('s4', 'absent'),
    ]),
  );
  assert.ok(
    atRisk(sessions, [
      marked('s1', 'present'),
      marked('s2', 'absent'),
      marked('s3', 'excused'),
      marked('s4', 'absent'),
    ]),
  );
});

test('cancelled, draft and future sessions do not count', () => {
  const [s1, s2, s3, s4] = halfDays();
  const sessions = countedSessions(
    [s4, { ...s2, status: 'cancelled' }, { ...s3, status: 'draft' }, s1],
    Date.parse('2026-03-25T00:00:00Z'),
  );
  // Only s1 took place by then: s2 was cancelled, s3 is a draft, s4 is ahead.
  assert.deepEqual(
    sessions.map((s) => s.id),
    ['s1'],
  );
  const summary = attendanceSummary(sessions, [marked('s1', 'present')]);
  assert.deepEqual(summary, { hours: 4, possibleHours: 4, attended: 1, missedInARow: 0, atRisk: false });
  // Missing a cancelled session and one still ahead is no risk.
  assert.ok(!atRisk(sessions, [marked('s1', 'present'), marked('s2', 'absent'), marked('s4', 'absent')]));
  // Four half-days in order, whatever order they come in.
  assert.deepEqual(
    countedSessions([s4, s2, s1, s3], afterAll).map((s) => s.id),
    ['s1', 's2', 's3', 's4'],
  );
});

test('the hours distribution counts members by the share of possible hours they attended', () => {
  assert.deepEqual(
    hoursDistribution([
      { hours: 0, possibleHours: 16 },
      { hours: 4, possibleHours: 16 },
      { hours: 8, possibleHours: 16 },
      { hours: 15.5, possibleHours: 16 },
      { hours: 16, possibleHours: 16 },
    ]),
    { none: 1, under_half: 1, half_or_more: 2, all: 1 },
  );
});

test('at the door: late after ten minutes, the session running now or next today', () => {
  const [s1, s2] = halfDays();
  const start = Date.parse(s1.startsAt);
  assert.equal(arrivalAt(s1, start + 10 * 60_000), null);
  assert.equal(arrivalAt(s1, start + 11 * 60_000), '2026-03-07T08:11:00.000Z');
  const afternoon = {
    ...s1,
    id: 'pm',
    startsAt: '2026-03-07T13:00:00.000Z',
    endsAt: '2026-03-07T16:00:00.000Z',
  };
  const all = [s2, afternoon, s1];
  assert.equal(sessionAtDoor(all, start - 30 * 60_000)?.id, 's1');
  assert.equal(doorsOpenAt(s1), start - 60 * 60_000);
  assert.equal(sessionAtDoor(all, start + 60 * 60_000)?.id, 's1');
  // Between the morning and the afternoon the next one today.
  assert.equal(sessionAtDoor(all, Date.parse('2026-03-07T12:30:00Z'))?.id, 'pm');
  // Nothing on a day without sessions; a cancelled one is never chosen.
  assert.equal(sessionAtDoor(all, Date.parse('2026-03-10T09:00:00Z')), null);
  assert.equal(sessionAtDoor([{ ...s1, status: 'cancelled' }], start), null);
});

test('a clock time is read within its session in Swedish time, across midnight too', () => {
  const [s1] = halfDays();
  // 09:30 in Stockholm (UTC+1 in March) is 08:30 UTC.
  assert.equal(clockWithin(s1, '09:30')?.toISOString(), '2026-03-07T08:30:00.000Z');
  assert.equal(clockWithin(s1, '13:01'), null);
  assert.equal(clockWithin(s1, '9.30'), null);
  const night = { startsAt: '2026-03-07T21:00:00.000Z', endsAt: '2026-03-08T01:00:00.000Z' };
  assert.equal(clockWithin(night, '01:30')?.toISOString(), '2026-03-08T00:30:00.000Z');
});

test('a name is found by any of its words, ignoring case and accents', () => {
  assert.ok(nameMatches('Åsa Öberg', 'öberg'));
  assert.ok(nameMatches('Åsa Öberg', 'asa ob'));
  assert.ok(!nameMatches('Åsa Öberg', 'anna'));
});
