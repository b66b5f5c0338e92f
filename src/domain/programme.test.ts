import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromStockholmTime, toStockholmTime } from './dates.ts';
import {
  hoursByType,
  isWebLink,
  meetingHoursByDay,
  monthGrid,
  oecdCheck,
  overlaps,
  type SessionType,
  sessionHours,
  type TimedSession,
  weekDays,
  weekStartOf,
} from './programme.ts';

let next = 0;
/** A session entered in Swedish time, as the form would. */
function session(
  start: string,
  end: string,
  type: SessionType = 'deliberation',
  status = 'published',
): TimedSession {
  return {
    id: `s${++next}`,
    type,
    status: status as TimedSession['status'],
    startsAt: fromStockholmTime(start)!.toISOString(),
    endsAt: fromStockholmTime(end)!.toISOString(),
  };
}

test('a session across the end of summer time lasts the hour the clocks give back', () => {
  // 25 October 2026: at 03:00 summer time the clocks go back to 02:00.
  const night = session('2026-10-25T01:00', '2026-10-25T04:00');
  assert.equal(night.startsAt, '2026-10-24T23:00:00.000Z');
  assert.equal(night.endsAt, '2026-10-25T03:00:00.000Z');
  assert.equal(sessionHours(night), 4);
  const day = session('2026-10-24T09:00', '2026-10-25T09:00');
  assert.equal(sessionHours(day), 25);
  // Shown back as typed, on either side of the change.
  assert.equal(toStockholmTime(night.startsAt), '2026-10-25T01:00');
  assert.equal(toStockholmTime(night.endsAt), '2026-10-25T04:00');
  assert.equal(toStockholmTime('2026-07-01T08:00:00Z'), '2026-07-01T10:00');
});

test('hours per type leave out cancelled sessions and add drafts', () => {
  const sessions = [
    session('2026-09-05T09:00', '2026-09-05T12:00', 'learning'),
    session('2026-09-05T13:00', '2026-09-05T16:30', 'deliberation', 'draft'),
    session('2026-09-05T17:00', '2026-09-05T18:00', 'social'),
    session('2026-09-06T09:00', '2026-09-06T12:00', 'decision', 'cancelled'),
  ];
  const { byType, total } = hoursByType(sessions);
  assert.deepEqual(byType, { learning: 3, deliberation: 3.5, decision: 0, social: 1 });
  assert.equal(total, 7.5);
});

test('meeting hours split at Swedish midnight, not UTC midnight', () => {
  const hours = meetingHoursByDay([session('2026-10-24T20:00', '2026-10-25T04:00')]);
  // 4 hours before midnight, and 5 after it on the night summer time ends.
  assert.deepEqual(
    [...hours],
    [
      ['2026-10-24', 4],
      ['2026-10-25', 5],
    ],
  );
});

test('four full days over two weekends meet the OECD benchmark', () => {
  const days = ['2026-10-17', '2026-10-18', '2026-10-24', '2026-10-25'];
  const sessions = days.flatMap((d) => [
    session(`${d}T09:00`, `${d}T12:00`, 'learning'),
    session(`${d}T13:00`, `${d}T16:00`, 'deliberation'),
  ]);
  const result = oecdCheck(sessions);
  assert.equal(result.met, true);
  assert.deepEqual(result.fullDays, days);
  assert.deepEqual(result.weeks, ['2026-10-12', '2026-10-19']);
});

test('four full days in one week are not spread; short days and social time do not count', () => {
  const inARow = ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22'].map((d) =>
    session(`${d}T09:00`, `${d}T15:00`),
  );
  assert.deepEqual(oecdCheck(inARow).shortfalls, [{ code: 'not_spread', weeks: 1, needed: 2 }]);
  const short = [
    session('2026-10-17T09:00', '2026-10-17T14:59'),
    session('2026-10-17T15:00', '2026-10-17T18:00', 'social'),
    session('2026-10-24T09:00', '2026-10-24T15:00'),
    session('2026-11-07T09:00', '2026-11-07T15:00', 'decision', 'cancelled'),
  ];
  const result = oecdCheck(short);
  assert.equal(result.met, false);
  assert.deepEqual(result.shortfalls, [
    { code: 'too_few_full_days', fullDays: 1, needed: 4 },
    { code: 'not_spread', weeks: 1, needed: 2 },
  ]);
});

test('overlapping sessions are found in pairs; back to back and cancelled ones are not', () => {
  const a = session('2026-09-05T09:00', '2026-09-05T12:00');
  const b = session('2026-09-05T11:00', '2026-09-05T13:00');
  const c = session('2026-09-05T13:00', '2026-09-05T14:00');
  const d = session('2026-09-05T09:30', '2026-09-05T10:00', 'learning', 'cancelled');
  assert.deepEqual(
    overlaps([c, b, a, d]).map(([x, y]) => [x.id, y.id]),
    [[a.id, b.id]],
  );
});

test('the month grid starts on Monday and pads the weeks', () => {
  const grid = monthGrid('2026-10');
  assert.equal(grid.length, 5);
  assert.deepEqual(grid[0], [null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
  assert.deepEqual(grid[4], [
    '2026-10-26',
    '2026-10-27',
    '2026-10-28',
    '2026-10-29',
    '2026-10-30',
    '2026-10-31',
    null,
  ]);
});

test('only http and https links are web links', () => {
  assert.ok(isWebLink('https://meet.example.org/abc'));
  assert.ok(isWebLink('http://example.org'));
  assert.ok(!isWebLink('javascript:alert(1)'));
  assert.ok(!isWebLink('ftp://example.org'));
  assert.ok(!isWebLink('meet.example.org'));
});

test('a week runs Monday to Sunday, across months and the end of summer time', () => {
  assert.deepEqual(weekDays('2026-10-19'), [
    '2026-10-19',
    '2026-10-20',
    '2026-10-21',
    '2026-10-22',
    '2026-10-23',
    '2026-10-24',
    '2026-10-25',
  ]);
  assert.equal(weekDays('2026-10-19', 1)[0], '2026-10-26');
  assert.equal(weekDays('2026-10-26', -1)[6], '2026-10-25');
  assert.equal(weekDays('2026-12-28')[6], '2027-01-03');
  assert.equal(weekStartOf('2026-10-25'), '2026-10-19');
  assert.equal(weekStartOf('2026-10-26'), '2026-10-26');
  assert.equal(weekStartOf('2026-02-30'), null);
  assert.equal(weekStartOf('next week'), null);
});
