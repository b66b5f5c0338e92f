import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromStockholmTime, isCalendarDate } from './dates.ts';

test('only dates on the calendar pass', () => {
  for (const ok of ['2027-02-28', '2028-02-29', '2000-02-29', '2027-12-31', '0001-01-01', '9999-12-31'])
    assert.equal(isCalendarDate(ok), true, ok);
  for (const bad of [
    '2027-02-29',
    '1900-02-29',
    '2027-02-30',
    '2027-04-31',
    '2027-13-01',
    '2027-00-10',
    '2027-01-00',
    '0000-00-00',
    '99999-01-01',
    '2027-1-1',
    '',
    ' 2027-01-01',
  ])
    assert.equal(isCalendarDate(bad), false, bad);
});

test('a time on a Swedish clock is the moment it means, in winter and in summer', () => {
  assert.equal(fromStockholmTime('2026-12-07T14:30')?.toISOString(), '2026-12-07T13:30:00.000Z');
  assert.equal(fromStockholmTime('2027-07-01T08:00:15')?.toISOString(), '2027-07-01T06:00:15.000Z');
  // Either side of the change to summer time (2027-03-28, 02:00 → 03:00) and back (2027-10-31).
  assert.equal(fromStockholmTime('2027-03-28T01:30')?.toISOString(), '2027-03-28T00:30:00.000Z');
  assert.equal(fromStockholmTime('2027-03-28T03:30')?.toISOString(), '2027-03-28T01:30:00.000Z');
  assert.equal(fromStockholmTime('2027-10-31T04:00')?.toISOString(), '2027-10-31T03:00:00.000Z');
  for (const bad of ['', '2026-12-07', '2026-12-07 14:30', '2026-02-30T10:00', '2026-12-07T24:00', '14:30'])
    assert.equal(fromStockholmTime(bad), null, bad);
});
