import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeOrPlaceChange } from './session-changes.ts';

const base = {
  startsAt: '2026-10-24T08:00:00.000Z',
  endsAt: '2026-10-24T14:00:00.000Z',
  place: { address: 'Storgatan 1', room: 'Sal A' },
  onlineLink: '',
};

test('a new start or end time is a change of time', () => {
  assert.deepEqual(timeOrPlaceChange(base, { ...base, startsAt: '2026-10-24T09:00:00.000Z' }), {
    time: true,
    place: false,
  });
  assert.deepEqual(timeOrPlaceChange(base, { ...base, endsAt: '2026-10-24T15:00:00.000Z' }), {
    time: true,
    place: false,
  });
});

test('a new address, room or online link is a change of place', () => {
  for (const after of [
    { ...base, place: { ...base.place, address: 'Torget 2' } },
    { ...base, place: { ...base.place, room: 'Sal B' } },
    { ...base, onlineLink: 'https://meet.example/x' },
  ])
    assert.deepEqual(timeOrPlaceChange(base, after), { time: false, place: true });
});

test('the same instant written differently, or spaces around a place, is no change', () => {
  assert.equal(timeOrPlaceChange(base, { ...base, startsAt: '2026-10-24T08:00:00Z' }), null);
  assert.equal(
    timeOrPlaceChange(base, { ...base, place: { address: ' Storgatan 1 ', room: 'Sal A' } }),
    null,
  );
});
