import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { allocateLetters } from './allocate.ts';

describe('letters per stratum', () => {
  test('in proportion to households, by largest remainders', () => {
    assert.deepEqual(allocateLetters(10, [50, 30, 20], [1, 1, 1]), [5, 3, 2]);
    // Quotas 3.33…, 3.33…, 3.33…: the remainders tie, so the first strata get the extra letter.
    assert.deepEqual(allocateLetters(10, [10, 10, 10], [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(allocateLetters(7, [1000], [1]), [7]);
  });

  test('a weight multiplies the letters per household', () => {
    // Shares 50·2 : 50·1 = 2 : 1.
    assert.deepEqual(allocateLetters(30, [50, 50], [2, 1]), [20, 10]);
    assert.deepEqual(allocateLetters(30, [50, 50], [0.5, 1]), [10, 20]);
  });

  test('a stratum never gets more letters than households; the others share the rest', () => {
    // Weight 10 would give the small stratum 10·10/(100+100)·30 = 15 letters, but it has 10 households.
    assert.deepEqual(allocateLetters(30, [10, 100, 100], [10, 1, 1]), [10, 10, 10]);
    assert.deepEqual(allocateLetters(500, [10, 100, 100], [1, 1, 1]), [10, 100, 100]);
    assert.deepEqual(allocateLetters(5, [0, 10], [3, 1]), [0, 5]);
  });

  test('bad arguments are refused', () => {
    assert.throws(() => allocateLetters(5, [1, 2], [1]), RangeError);
    assert.throws(() => allocateLetters(5, [1, 2], [1, 0]), RangeError);
    assert.throws(() => allocateLetters(-1, [1], [1]), RangeError);
    assert.throws(() => allocateLetters(1.5, [1], [1]), RangeError);
  });

  test('any input: the total is exact, no stratum exceeds its households, uncapped strata are within one of their share', () => {
    fc.assert(
      fc.property(
        fc.nat(2000),
        fc.array(
          fc.record({ households: fc.nat(300), weight: fc.double({ min: 0.1, max: 10, noNaN: true }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (count, strata) => {
          const households = strata.map((s) => s.households);
          const weights = strata.map((s) => s.weight);
          const letters = allocateLetters(count, households, weights);
          const total = households.reduce((a, b) => a + b, 0);
          assert.equal(
            letters.reduce((a, b) => a + b, 0),
            Math.min(count, total),
          );
          letters.forEach((n, s) => {
            assert.ok(Number.isInteger(n) && n >= 0 && n <= households[s]);
          });
          // Strata below their capacity get their share of what the full ones leave, within one letter.
          const open = letters.map((_, s) => s).filter((s) => letters[s] < households[s]);
          const left =
            Math.min(count, total) - letters.reduce((sum, n, s) => (open.includes(s) ? sum : sum + n), 0);
          const mass = open.reduce((sum, s) => sum + households[s] * weights[s], 0);
          for (const s of open) {
            const share = (left * households[s] * weights[s]) / mass;
            assert.ok(
              Math.abs(letters[s] - share) < 1 + 1e-9,
              `stratum ${s}: ${letters[s]} letters for a share of ${share}`,
            );
          }
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});
