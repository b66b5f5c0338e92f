import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkPanel, weightedDeviation } from './checkPanel.ts';
import type { Person, Quota, SelectionInput } from './model.ts';

/** Six people, two features; p1/p2 share a household. */
const people: Person[] = [
  { id: 'p1', features: { gender: 'Female', age: 'young' }, household: 'h1' },
  { id: 'p2', features: { gender: 'male', age: 'old' }, household: 'h1' },
  { id: 'p3', features: { gender: 'female', age: 'old' } },
  { id: 'p4', features: { gender: 'Male ', age: 'Young' }, household: 'h4' },
  { id: 'p5', features: { gender: 'female', age: 'young' } },
  { id: 'p6', features: { gender: 'male', age: 'old' } },
];

const quotas: Quota[] = [
  { feature: 'gender', value: 'female', min: 1, max: 1 },
  { feature: 'gender', value: 'male', min: 1, max: 1 },
  { feature: 'age', value: 'young', min: 1, max: 2 },
];

const input: SelectionInput = { people, targets: { kind: 'quotas', quotas }, panelSize: 2 };

describe('checkPanel', () => {
  test('accepts a panel that meets every rule', () => {
    assert.deepEqual(checkPanel(input, ['p1', 'p6']), []);
    assert.deepEqual(checkPanel(input, ['p4', 'p5']), []);
  });

  test('reports a wrong size', () => {
    assert.deepEqual(checkPanel({ ...input, targets: { kind: 'quotas', quotas: [] } }, ['p1']), [
      'The panel has 1 members; it should have 2.',
    ]);
  });

  test('reports unknown and duplicate ids once each', () => {
    const problems = checkPanel({ ...input, panelSize: 4 }, ['p1', 'p1', 'zz', 'zz']);
    assert.ok(problems.includes('Member "p1" is on the panel more than once.'));
    assert.ok(problems.includes('Member "zz" is not in the pool.'));
    assert.equal(problems.filter((p) => p.includes('"zz"')).length, 2); // unknown + duplicate
    assert.equal(problems.filter((p) => p.includes('"p1"')).length, 1);
  });

  test('reports a kept person who is missing', () => {
    const problems = checkPanel({ ...input, keep: ['p3'] }, ['p1', 'p6']);
    assert.deepEqual(problems, ['Person "p3" must be kept on every panel but is missing.']);
  });

  test('reports two members of one household', () => {
    const problems = checkPanel({ ...input, targets: { kind: 'quotas', quotas: [] } }, ['p1', 'p2']);
    assert.deepEqual(problems, ['Members "p1" and "p2" are from the same household.']);
  });

  test('names feature, value, count and bound of a violated quota', () => {
    assert.deepEqual(checkPanel(input, ['p3', 'p5']), [
      'gender = female: 2 member(s), above the maximum of 1.',
      'gender = male: 0 member(s), below the minimum of 1.',
    ]);
    assert.deepEqual(checkPanel(input, ['p3', 'p6']), ['age = young: 0 member(s), below the minimum of 1.']);
  });

  test('matches values case-insensitively after trimming, and feature names case-insensitively', () => {
    const shouting: Quota[] = quotas.map((q) => ({
      ...q,
      feature: q.feature.toUpperCase(),
      value: ` ${q.value.toUpperCase()} `,
    }));
    assert.deepEqual(
      checkPanel({ ...input, targets: { kind: 'quotas', quotas: shouting } }, ['p4', 'p5']),
      [],
    );
  });
});

describe('point targets', () => {
  const points: SelectionInput = {
    people,
    panelSize: 2,
    targets: {
      kind: 'points',
      features: [
        {
          feature: 'gender',
          weight: 2,
          values: [
            { value: 'female', target: 1 },
            { value: 'male', target: 1 },
          ],
        },
        {
          feature: 'age',
          weight: 0.5,
          values: [
            { value: 'young', target: 1.5 },
            { value: 'old', target: 0.5 },
          ],
        },
      ],
    },
  };

  test('weightedDeviation sums weight × |count − target|', () => {
    // p1 female young, p6 male old: gender 0, age |1−1.5|+|1−0.5| = 1 → 0.5
    assert.equal(weightedDeviation(points, ['p1', 'p6']), 0.5);
    // p3 female old, p5 female young: gender |2−1|+|0−1| = 2 → 4; age 0.5+0.5 → 0.5
    assert.equal(weightedDeviation(points, ['p3', 'p5']), 4.5);
    assert.equal(weightedDeviation(input, ['p3', 'p5']), 0, 'quota targets have no deviation');
  });

  test('checks the deviation only against an allowed bound', () => {
    assert.deepEqual(checkPanel(points, ['p3', 'p5']), []);
    assert.deepEqual(checkPanel(points, ['p3', 'p5'], { allowedDeviation: 4.5 }), []);
    assert.deepEqual(checkPanel(points, ['p3', 'p5'], { allowedDeviation: 4.5 - 1e-12 }), [], 'float slack');
    assert.deepEqual(checkPanel(points, ['p3', 'p5'], { allowedDeviation: 1 }), [
      'The weighted deviation from the point targets is 4.5, above the allowed 1.',
    ]);
  });
});

// ---- Properties over random pools ------------------------------------------------------------------

const FEATURES = { colour: ['red', 'green', 'blue'], size: ['small', 'large'] } as const;

/** A pool of 1..12 people with distinct ids and households, and a panel drawn from it. */
const poolAndPanel = fc
  .array(
    fc.record({
      colour: fc.constantFrom(...FEATURES.colour),
      size: fc.constantFrom(...FEATURES.size),
      hasHousehold: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .chain((rows) => {
    const pool: Person[] = rows.map((r, i) => ({
      id: `id${i}`,
      features: { colour: r.colour, size: r.size },
      ...(r.hasHousehold ? { household: `h${i}` } : {}),
    }));
    return fc
      .subarray(
        pool.map((p) => p.id),
        { minLength: 1 },
      )
      .chain((panel) => fc.tuple(fc.constant(pool), fc.shuffledSubarray(panel, { minLength: panel.length })));
  });

/** The panel's own counts as tight quotas: every value of every feature, absent ones with 0. */
function tightQuotas(pool: Person[], panel: string[]): Quota[] {
  const out: Quota[] = [];
  for (const [feature, values] of Object.entries(FEATURES)) {
    for (const value of values) {
      const n = panel.filter((id) => pool.find((p) => p.id === id)?.features[feature] === value).length;
      out.push({ feature, value, min: n, max: n });
    }
  }
  return out;
}

describe('checkPanel properties', () => {
  test('a panel meets quotas set to its own counts, in any order', () => {
    fc.assert(
      fc.property(poolAndPanel, ([pool, panel]) => {
        const target: SelectionInput = {
          people: pool,
          targets: { kind: 'quotas', quotas: tightQuotas(pool, panel) },
          panelSize: panel.length,
          keep: panel.slice(0, 1),
        };
        assert.deepEqual(checkPanel(target, panel), []);
        assert.deepEqual(checkPanel(target, [...panel].reverse()), []);
      }),
    );
  });

  test('moving one bound past the count gives exactly one problem naming it', () => {
    fc.assert(
      fc.property(poolAndPanel, fc.nat(), fc.boolean(), ([pool, panel], pick, raiseMin) => {
        const qs = tightQuotas(pool, panel);
        const i = pick % qs.length;
        const q = qs[i];
        qs[i] = raiseMin
          ? { ...q, min: q.min + 1, max: q.max + 1 }
          : { ...q, min: q.min - 1, max: q.max - 1 };
        const problems = checkPanel(
          { people: pool, targets: { kind: 'quotas', quotas: qs }, panelSize: panel.length },
          panel,
        );
        assert.equal(problems.length, 1);
        const bound = raiseMin ? `below the minimum of ${q.min + 1}` : `above the maximum of ${q.max - 1}`;
        assert.equal(problems[0], `${q.feature} = ${q.value}: ${q.min} member(s), ${bound}.`);
      }),
    );
  });

  test('weightedDeviation agrees with a direct count, and is 0 at the panel’s own counts', () => {
    const weights = fc.tuple(
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
    );
    fc.assert(
      fc.property(
        poolAndPanel,
        weights,
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 5, maxLength: 5 }),
        ([pool, panel], [w1, w2], t) => {
          const own = tightQuotas(pool, panel);
          const exact: SelectionInput = {
            people: pool,
            panelSize: panel.length,
            targets: {
              kind: 'points',
              features: [
                {
                  feature: 'colour',
                  weight: w1,
                  values: own.slice(0, 3).map((q) => ({ value: q.value, target: q.min })),
                },
                {
                  feature: 'size',
                  weight: w2,
                  values: own.slice(3).map((q) => ({ value: q.value, target: q.min })),
                },
              ],
            },
          };
          assert.equal(weightedDeviation(exact, panel), 0);

          const targets = [...FEATURES.colour, ...FEATURES.size].map((value, i) => ({ value, target: t[i] }));
          const shifted: SelectionInput = {
            ...exact,
            targets: {
              kind: 'points',
              features: [
                { feature: 'colour', weight: w1, values: targets.slice(0, 3) },
                { feature: 'size', weight: w2, values: targets.slice(3) },
              ],
            },
          };
          const direct =
            w1 * own.slice(0, 3).reduce((s, q, i) => s + Math.abs(q.min - t[i]), 0) +
            w2 * own.slice(3).reduce((s, q, i) => s + Math.abs(q.min - t[3 + i]), 0);
          const d = weightedDeviation(shifted, panel);
          assert.ok(Math.abs(d - direct) < 1e-9, `${d} vs ${direct}`);
          assert.deepEqual(checkPanel(shifted, panel, { allowedDeviation: direct }), []);
          if (direct > 0.01)
            assert.equal(checkPanel(shifted, panel, { allowedDeviation: direct - 0.01 }).length, 1);
        },
      ),
    );
  });

  test('adding a housemate of a member is always reported', () => {
    fc.assert(
      fc.property(poolAndPanel, ([pool, panel]) => {
        const first = pool.find((p) => p.id === panel[0])!;
        const mate: Person = {
          id: 'mate',
          features: { ...first.features },
          household: first.household ?? 'shared',
        };
        const withMate = pool.map((p) => (p.id === first.id ? { ...p, household: mate.household } : p));
        const problems = checkPanel(
          {
            people: [...withMate, mate],
            targets: { kind: 'quotas', quotas: [] },
            panelSize: panel.length + 1,
          },
          [...panel, 'mate'],
        );
        assert.deepEqual(problems, [`Members "${first.id}" and "mate" are from the same household.`]);
      }),
    );
  });
});
