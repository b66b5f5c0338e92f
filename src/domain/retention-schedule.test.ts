import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths } from './dates.ts';
import { bookkeepingCutoff, dayHasCome, erasureDay } from './retention-schedule.ts';

test('months are added on the calendar; the 31st of a shorter month becomes its last day', () => {
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  assert.equal(addMonths('2027-01-31', 1), '2027-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addMonths('2026-06-30', 24), '2028-06-30');
  assert.equal(addMonths('2026-11-30', 12), '2027-11-30');
});

test('a category counted from the end has its day; without an end date, or by law, none', () => {
  assert.equal(erasureDay('volunteer_contacts', '2027-01-31'), '2027-02-28');
  assert.equal(erasureDay('member_contacts', '2027-01-31'), '2029-01-31');
  assert.equal(erasureDay('questionnaires', '2027-01-31'), '2028-01-31');
  assert.equal(erasureDay('member_contacts', null), null);
  assert.equal(erasureDay('stipend_records', '2027-01-31'), null);
});

test('the day comes at midnight in Sweden, winter and summer, not at midnight UTC', () => {
  // 23:30 UTC on New Year's Eve is 00:30 on New Year's Day in Stockholm (UTC+1).
  assert.equal(dayHasCome('2027-01-01', new Date('2026-12-31T22:59:59Z')), false);
  assert.equal(dayHasCome('2027-01-01', new Date('2026-12-31T23:00:00Z')), true);
  // In summer Stockholm is UTC+2.
  assert.equal(dayHasCome('2027-07-01', new Date('2027-06-30T21:59:59Z')), false);
  assert.equal(dayHasCome('2027-07-01', new Date('2027-06-30T22:00:00Z')), true);
  assert.equal(dayHasCome('2027-07-01', new Date('2027-08-01T12:00:00Z')), true);
});

test('bookkeeping records go once seven whole years have passed after their payment year', () => {
  assert.equal(bookkeepingCutoff(new Date('2026-12-06T12:00:00Z')), '2019-01-01T00:00:00.000Z');
});
