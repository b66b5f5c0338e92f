/**
 * Property tests of the invitation draw on small registers: the rules (exact count, one letter per
 * household, the allocation per stratum), determinism, and fairness (every household of a stratum as
 * likely as any other, every row of a household as likely as any other).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { normaliseAddress } from '../io/household.ts';
import { allocateLetters } from './allocate.ts';
import { HouseholdHasher } from './households.ts';
import { drawHouseholds, groupHouseholds } from './sample.ts';

interface Row {
  address: string;
  stratum: number;
}

function draw(rows: readonly Row[], strata: number, count: number, seed: string, weights?: number[]) {
  const hasher = new HouseholdHasher(seed);
  const household = Float64Array.from(
    rows,
    (row, i) => hasher.hashParts([row.address]) ?? hasher.hashRow(i + 2),
  );
  const stratum = Uint16Array.from(rows, (row) => row.stratum);
  const households = groupHouseholds({ rows: rows.length, household, stratum }, strata, seed);
  const letters = allocateLetters(count, households.perStratum, weights ?? new Array(strata).fill(1));
  return { households, letters, drawn: [...drawHouseholds(households, stratum, letters)] };
}

/** Households as the test sees them, independently of the hash: the normalised address, or the row. */
function householdOf(rows: readonly Row[], r: number): string {
  const key = normaliseAddress(rows[r].address);
  return key === '' ? `row ${r}` : key;
}

/** Small registers: addresses from a short list (so households have several rows), respelled, some blank. */
const registers = fc
  .record({
    strata: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(
      fc.record({
        address: fc.integer({ min: 0, max: 25 }),
        spelling: fc.constantFrom('', '.', 'upper', ' pad '),
        moved: fc.nat(3),
      }),
      { minLength: 1, maxLength: 60 },
    ),
  })
  .map(({ strata, rows }) =>
    rows.map(({ address, spelling, moved }): Row => {
      const text = address === 0 ? '' : `Storgatan ${address}`;
      const spelled =
        spelling === 'upper'
          ? text.toUpperCase()
          : spelling === '.'
            ? `${text}.`
            : spelling === ''
              ? text
              : ` ${text} `;
      // A household's rows are in one stratum, except now and then (as in a real register).
      return { address: spelled, stratum: (address + (moved === 3 ? 1 : 0)) % strata };
    }),
  );

describe('the invitation draw', () => {
  test('exactly min(N, households) letters, never two to one household, as many per stratum as allocated', () => {
    fc.assert(
      fc.property(registers, fc.integer({ min: 1, max: 70 }), fc.string(), (rows, count, seed) => {
        const strata = Math.max(...rows.map((r) => r.stratum)) + 1;
        const { households, letters, drawn } = draw(rows, strata, count, seed);
        const distinct = new Set(rows.map((_, r) => householdOf(rows, r)));
        assert.equal(households.count, distinct.size);
        assert.equal(drawn.length, Math.min(count, distinct.size));
        const drawnHouseholds = drawn.map((r) => householdOf(rows, r));
        assert.equal(new Set(drawnHouseholds).size, drawn.length, 'one letter per household');
        const perStratum = new Array(strata).fill(0);
        for (const r of drawn) perStratum[rows[r].stratum]++;
        assert.deepEqual(perStratum, letters);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  test('the same register, count and seed give the same letters in the same order; another seed another draw', () => {
    fc.assert(
      fc.property(registers, fc.integer({ min: 1, max: 30 }), fc.string(), (rows, count, seed) => {
        const strata = Math.max(...rows.map((r) => r.stratum)) + 1;
        assert.deepEqual(draw(rows, strata, count, seed).drawn, draw(rows, strata, count, seed).drawn);
      }),
      { numRuns: 200, seed: 12 },
    );
    const rows = Array.from({ length: 200 }, (_, i): Row => ({ address: `Gata ${i}`, stratum: i % 3 }));
    const first = draw(rows, 3, 20, 'seed A').drawn;
    assert.notDeepEqual(draw(rows, 3, 20, 'seed B').drawn, first);
    assert.notDeepEqual(
      [...draw(rows, 3, 20, 'seed B').drawn].sort(),
      [...first].sort(),
      'a different set, not just a different order',
    );
  });

  test('every household of a stratum is equally likely, and so is every row of a household (over 3,000 seeds)', () => {
    // Stratum 0: households a (3 rows), b (1), c (2), d (1), e (1); stratum 1: f (1), g (2), h (1).
    const layout: [string, number][] = [
      ['a', 0],
      ['b', 0],
      ['a', 0],
      ['c', 0],
      ['d', 0],
      ['a', 0],
      ['e', 0],
      ['c', 0],
      ['f', 1],
      ['g', 1],
      ['h', 1],
      ['g', 1],
    ];
    const rows = layout.map(([address, stratum]): Row => ({ address, stratum }));
    const seeds = 3000;
    const rowCounts = new Array(rows.length).fill(0);
    let letters: number[] = [];
    for (let s = 0; s < seeds; s++) {
      const result = draw(rows, 2, 4, `fairness ${s}`, [1, 1]);
      letters = result.letters;
      for (const r of result.drawn) rowCounts[r]++;
    }
    // 8 households, 4 letters: shares 2.5 and 1.5; the tied remainder goes to the first stratum.
    assert.deepEqual(letters, [3, 1]);
    const householdsIn = [5, 3];
    const sizes = new Map<string, number>();
    for (const [address] of layout) sizes.set(address, (sizes.get(address) ?? 0) + 1);
    rows.forEach((row, r) => {
      const p = letters[row.stratum] / householdsIn[row.stratum] / (sizes.get(row.address) ?? 1);
      const sigma = Math.sqrt(seeds * p * (1 - p));
      const deviation = Math.abs(rowCounts[r] - seeds * p);
      assert.ok(
        deviation < 5 * sigma,
        `row ${r} (${row.address}): drawn ${rowCounts[r]} times, expected ${(seeds * p).toFixed(0)} ± ${sigma.toFixed(0)}`,
      );
    });
  });
});
