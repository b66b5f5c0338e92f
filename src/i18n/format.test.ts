import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateIn, formatNumberIn, formatPercentIn, formatTimeIn, numberFormatIn } from './format.ts';

test('times are shown in Swedish time on both sides of the change to summer time', () => {
  // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
  assert.match(formatTimeIn('sv', '2026-03-29T00:30:00Z'), /01:30/);
  assert.match(formatTimeIn('sv', '2026-03-29T01:30:00Z'), /03:30/);
  assert.match(formatTimeIn('en', '2026-10-25T01:30:00Z'), /02:30/);
});

test('a plain date is shown as written, whatever the time zone', () => {
  assert.equal(formatDateIn('sv', '2027-01-01'), '1 januari 2027');
  assert.equal(formatDateIn('en', '2026-12-31'), '31 December 2026');
});

test('numbers and shares in the language: comma and space in Swedish, point and comma in English', () => {
  assert.equal(formatNumberIn('sv', 12345.678, 1), '12\u00a0345,7');
  assert.equal(formatNumberIn('en', 12345.678, 1), '12,345.7');
  assert.equal(formatPercentIn('en', 0.2333, 1, 1), '23.3%');
  assert.equal(formatPercentIn('sv', 0.25, 1, 1), '25,0\u00a0%');
  assert.equal(
    numberFormatIn('sv', { digits: 2, minimumDigits: 2, grouping: false }).format(1234.5),
    '1234,50',
  );
});
