import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePercent, seatsForRange, seatsForShare } from './percentages.ts';

test('a population share gets the seats just below and above its exact share', () => {
  assert.deepEqual(seatsForShare(30, 22), { min: 6, max: 7 }); // 6.6
  assert.deepEqual(seatsForShare(25, 20), { min: 5, max: 5 }); // exactly 5
  assert.deepEqual(seatsForShare(7, 100), { min: 7, max: 7 }); // no floating-point 7.000000000000001
  assert.deepEqual(seatsForShare(0, 30), { min: 0, max: 0 });
  assert.deepEqual(seatsForShare(100, 30), { min: 30, max: 30 });
});

test('a percentage window keeps the counts inside it', () => {
  assert.deepEqual(seatsForRange(45, 55, 22), { min: 10, max: 12 }); // 9.9 .. 12.1
  assert.deepEqual(seatsForRange(40, 60, 20), { min: 8, max: 12 }); // exact ends are kept
  assert.deepEqual(seatsForRange(0.1 * 3 * 100, 50, 10), { min: 3, max: 5 }); // 30.000000000000004 %
});

test('a window narrower than one seat becomes the count nearest its middle', () => {
  assert.deepEqual(seatsForRange(10, 12, 5), { min: 1, max: 1 }); // 0.5 .. 0.6
  assert.deepEqual(seatsForRange(2, 3, 20), { min: 1, max: 1 }); // 0.4 .. 0.6, middle 0.5 rounds up
  assert.deepEqual(seatsForRange(0, 0, 20), { min: 0, max: 0 });
});

test('percentages may carry a % sign or a decimal comma', () => {
  assert.equal(parsePercent('12.5'), 12.5);
  assert.equal(parsePercent(' 12,5 % '), 12.5);
  assert.equal(parsePercent('100%'), 100);
  assert.equal(parsePercent('0'), 0);
  for (const bad of ['', 'abc', '-3', '101', '1,234.5', '12.5.1', '1,2,3'])
    assert.equal(parsePercent(bad), undefined, bad);
});
