import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromStockholmTime, isCalendarDate, readStockholmTime, toStockholmTime } from './dates.ts';

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

test('a time the clocks skip in spring is refused, never moved an hour', () => {
  // 2027-03-28: 02:00 jumps to 03:00, so 02:00–02:59 never happens in Stockholm.
  assert.deepEqual(readStockholmTime('2027-03-28T02:30'), { kind: 'missing' });
  assert.deepEqual(readStockholmTime('2027-03-28T02:00'), { kind: 'missing' });
  assert.equal(fromStockholmTime('2027-03-28T02:30'), null);
  assert.equal(fromStockholmTime('2027-03-28T03:00')?.toISOString(), '2027-03-28T01:00:00.000Z');
});

test('a time that happens twice in autumn is read as its first time, in summer time', () => {
  // 2026-10-25: 03:00 goes back to 02:00, so 02:30 comes first at 00:30 UTC, then at 01:30 UTC.
  const reading = readStockholmTime('2026-10-25T02:30');
  assert.equal(reading.kind, 'ambiguous');
  assert.equal(reading.kind === 'ambiguous' ? reading.at.toISOString() : '', '2026-10-25T00:30:00.000Z');
  assert.equal(fromStockholmTime('2026-10-25T02:30')?.toISOString(), '2026-10-25T00:30:00.000Z');
  // The hours either side name one moment each.
  assert.equal(readStockholmTime('2026-10-25T01:59').kind, 'one');
  assert.equal(readStockholmTime('2026-10-25T03:00').kind, 'one');
  assert.equal(fromStockholmTime('2026-10-25T03:00')?.toISOString(), '2026-10-25T02:00:00.000Z');
  // Written back on a Swedish clock, both moments read 02:30.
  assert.equal(toStockholmTime('2026-10-25T00:30:00.000Z'), '2026-10-25T02:30');
  assert.equal(toStockholmTime('2026-10-25T01:30:00.000Z'), '2026-10-25T02:30');
});

test('times that are not times read as none', () => {
  for (const text of ['', '2026-10-25 10:00', '2026-02-30T10:00', '2026-10-25T24:00'])
    assert.deepEqual(readStockholmTime(text), { kind: 'none' });
});
