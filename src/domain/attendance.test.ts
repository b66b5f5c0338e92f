import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attendedHours } from './attendance.ts';

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
