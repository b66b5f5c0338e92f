import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MemberSession, membersSessions, nextSession, programmeCalendar } from './member-programme.ts';

const base = {
  title: { sv: 'Dag', en: 'Day' },
  place: { address: 'Storgatan 1', room: '', accessibility: '', directions: '' },
  onlineLink: '',
  agenda: [],
};
const sessions: MemberSession[] = [
  {
    ...base,
    id: 'c',
    status: 'published',
    startsAt: '2026-10-25T09:00:00.000Z',
    endsAt: '2026-10-25T15:00:00.000Z',
  },
  {
    ...base,
    id: 'a',
    status: 'cancelled',
    startsAt: '2026-10-24T06:00:00.000Z',
    endsAt: '2026-10-24T07:00:00.000Z',
  },
  {
    ...base,
    id: 'b',
    status: 'published',
    startsAt: '2026-10-24T08:00:00.000Z',
    endsAt: '2026-10-24T14:00:00.000Z',
  },
  {
    ...base,
    id: 'd',
    status: 'draft',
    startsAt: '2026-10-20T08:00:00.000Z',
    endsAt: '2026-10-20T14:00:00.000Z',
  },
];

test('members see published and cancelled sessions in time order, never drafts', () => {
  assert.deepEqual(
    membersSessions(sessions).map((s) => s.id),
    ['a', 'b', 'c'],
  );
});

test('the next session is the first published one not yet over; a cancelled one never is', () => {
  assert.equal(nextSession(sessions, Date.parse('2026-10-01T00:00:00Z'))?.id, 'b');
  // During a session it is still the next one to go to.
  assert.equal(nextSession(sessions, Date.parse('2026-10-24T13:59:00Z'))?.id, 'b');
  assert.equal(nextSession(sessions, Date.parse('2026-10-24T14:00:00Z'))?.id, 'c');
  assert.equal(nextSession(sessions, Date.parse('2026-10-26T00:00:00Z')), null);
});

test('the calendar file carries UTC instants, stable UIDs and cancelled sessions marked', () => {
  const labels = { directions: 'Directions', accessibility: 'Access', online: 'Online' };
  const text = programmeCalendar({ name: 'P', host: 'lotta.example', lang: 'en', labels, sessions });
  assert.equal(text.match(/BEGIN:VEVENT/g)?.length, 3);
  assert.match(text, /UID:b@lotta\.example/);
  assert.match(text, /DTSTART:20261024T080000Z/);
  assert.match(text, /DTSTART:20261025T090000Z/);
  assert.equal(text.match(/STATUS:CANCELLED/g)?.length, 1);
  assert.ok(!text.includes('UID:d@'));
});
