import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCalendarDate } from './dates.ts';

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
