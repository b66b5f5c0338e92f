import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData } from '../../test/support/shared-data.ts';
import { estimateLegacy, legacyDraw } from './legacy.ts';
import { CancelledError, InputError, type Person, type Quota, type SelectionInput } from './model.ts';
import { createRandom } from './random.ts';

const replication = sharedData('sortition', 'replication');

/** The replication package's two small CSVs; the real readers live in src/io and are not used here. */
function readReplication(folder: string, panelSize: number): SelectionInput {
  const lines = (file: string) =>
    readFileSync(join(replication, folder, file), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(',').map((cell) => cell.trim()));
  const [header, ...rows] = lines('respondents.csv');
  const people: Person[] = rows.map((row, index) => ({
    id: String(index),
    features: Object.fromEntries(header.map((column, at) => [column, row[at]])),
  }));
  const quotas: Quota[] = lines('categories.csv')
    .slice(1)
    .map(([feature, value, min, max]) => ({ feature, value, min: Number(min), max: Number(max) }));
  return { people, targets: { kind: 'quotas', quotas }, panelSize };
}

function quotasOf(input: SelectionInput): Quota[] {
  assert.equal(input.targets.kind, 'quotas');
  return input.targets.kind === 'quotas' ? input.targets.quotas : [];
}

/** A checker giving a panel's quota violations as readable strings (empty when it meets every quota). */
function quotaChecker(input: SelectionInput): (members: string[]) => string[] {
  const normalise = (text: string) => text.trim().toLowerCase();
  const answers = new Map(
    input.people.map((person) => [
      person.id,
      new Map(
        Object.entries(person.features).map(([feature, value]) => [normalise(feature), normalise(value)]),
      ),
    ]),
  );
  const quotas = quotasOf(input);
  return (members) => {
    const found: string[] = [];
    if (members.length !== input.panelSize) found.push(`size ${members.length}`);
    if (new Set(members).size !== members.length) found.push('duplicate member');
    for (const quota of quotas) {
      const count = members.filter(
        (id) => answers.get(id)?.get(normalise(quota.feature)) === normalise(quota.value),
      ).length;
      if (count < quota.min || count > quota.max) found.push(`${quota.feature}=${quota.value}: ${count}`);
    }
    return found;
  };
}

function violations(input: SelectionInput, members: string[]): string[] {
  return quotaChecker(input)(members);
}

function person(id: string, features: Record<string, string>, household?: string): Person {
  return { id, features, household };
}

test('example_small_20: LEGACY leaves the lone conservative woman near 1% (paper: 0.96%)', () => {
  const input = readReplication('example_small_20', 20);
  assert.equal(input.people.length, 200);
  const started = performance.now();
  const estimate = estimateLegacy(input, { samples: 10_000, seed: 'nature-2021' });
  const seconds = (performance.now() - started) / 1000;

  assert.equal(estimate.samples, 10_000);
  const probabilities = Object.values(estimate.probabilities);
  assert.equal(probabilities.length, 200);
  const minimum = Math.min(...probabilities);
  const shareBelowTenth = probabilities.filter((p) => p < 0.1).length / probabilities.length;
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  console.log(
    `example_small_20 LEGACY: min ${minimum}, share below 0.1 ${shareBelowTenth}, ` +
      `failures ${estimate.failures}, distinct panels ${estimate.panels.length}, ${seconds.toFixed(2)} s`,
  );
  assert.ok(minimum < 0.0125, `minimum probability ${minimum}`);
  // The person at the minimum is row 0, the only female conservative.
  assert.equal(estimate.probabilities['0'], minimum);
  assert.ok(Math.abs(total - 20) < 1e-9, `probabilities sum to ${total}`);
  // The paper reports 48% of the pool below k/n = 10%; a Monte Carlo estimate lands near that.
  assert.ok(shareBelowTenth > 0.3 && shareBelowTenth < 0.7, `share below 0.1: ${shareBelowTenth}`);

  assert.equal(
    estimate.panels.reduce((sum, panel) => sum + panel.count, 0),
    10_000,
  );
  const check = quotaChecker(input);
  for (const panel of estimate.panels) assert.deepEqual(check(panel.members), []);
});

test('the same seed gives the same estimate; another seed a different one', () => {
  const input = readReplication('example_small_20', 20);
  const a = estimateLegacy(input, { samples: 500, seed: 'same' });
  const b = estimateLegacy(input, { samples: 500, seed: 'same' });
  const c = estimateLegacy(input, { samples: 500, seed: 'other' });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.probabilities, c.probabilities);
});

test('housemates are never on the same panel', () => {
  const people: Person[] = [];
  for (let i = 0; i < 12; i++) {
    people.push(person(`p${i}`, { gender: i % 2 === 0 ? 'female' : 'male' }, i < 2 ? 'house-1' : undefined));
  }
  const input: SelectionInput = {
    people,
    panelSize: 6,
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'female', min: 3, max: 3 },
        { feature: 'gender', value: 'male', min: 3, max: 3 },
      ],
    },
  };
  const estimate = estimateLegacy(input, { samples: 3000, seed: 'household' });
  for (const panel of estimate.panels) {
    assert.ok(!(panel.members.includes('p0') && panel.members.includes('p1')), panel.members.join(','));
    assert.deepEqual(violations(input, panel.members), []);
  }
  assert.ok(estimate.probabilities.p0 > 0 && estimate.probabilities.p1 > 0);
});

test('kept people are on every panel and their housemates on none', () => {
  const people = [
    person('a', { gender: 'female' }, 'h1'),
    person('b', { gender: 'female' }, 'h1'),
    person('c', { gender: 'female' }),
    person('d', { gender: 'male' }),
    person('e', { gender: 'male' }),
    person('f', { gender: 'male' }),
  ];
  const input: SelectionInput = {
    people,
    panelSize: 3,
    keep: ['a'],
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'female', min: 1, max: 2 },
        { feature: 'gender', value: 'male', min: 1, max: 2 },
      ],
    },
  };
  const estimate = estimateLegacy(input, { samples: 2000, seed: 'keep' });
  assert.equal(estimate.probabilities.a, 1);
  assert.equal(estimate.probabilities.b, 0);
  for (const panel of estimate.panels) assert.deepEqual(violations(input, panel.members), []);
});

test('values and feature names match case-insensitively after trimming', () => {
  const input: SelectionInput = {
    people: [
      person('1', { Gender: ' Female' }),
      person('2', { gender: 'FEMALE ' }),
      person('3', { GENDER: 'male' }),
      person('4', { gender: ' Male ' }),
    ],
    panelSize: 2,
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'gender', value: 'female', min: 1, max: 1 },
        { feature: ' Gender ', value: 'MALE', min: 1, max: 1 },
      ],
    },
  };
  const estimate = estimateLegacy(input, { samples: 4000, seed: 'case' });
  for (const panel of estimate.panels) assert.deepEqual(violations(input, panel.members), []);
  for (const id of ['1', '2', '3', '4']) assert.ok(Math.abs(estimate.probabilities[id] - 0.5) < 0.05);
});

test('legacyDraw returns a panel meeting the quotas, or null when it gets stuck', () => {
  const input = readReplication('example_small_20', 20);
  const random = createRandom('draw');
  const panel = legacyDraw(input, random);
  assert.ok(panel);
  assert.deepEqual(violations(input, panel), []);

  // Two "yes" minimums of 2 on a 2-seat panel where nobody has both: the first pick dooms every draw.
  const stuck: SelectionInput = {
    people: [
      person('a', { x: 'yes', y: 'no' }),
      person('b', { x: 'yes', y: 'no' }),
      person('c', { x: 'no', y: 'yes' }),
      person('d', { x: 'no', y: 'yes' }),
    ],
    panelSize: 2,
    targets: {
      kind: 'quotas',
      quotas: [
        { feature: 'x', value: 'yes', min: 2, max: 2 },
        { feature: 'y', value: 'yes', min: 2, max: 2 },
      ],
    },
  };
  assert.equal(legacyDraw(stuck, random), null);
  assert.throws(
    () => estimateLegacy(stuck, { samples: 10, seed: 'stuck' }),
    (error: unknown) =>
      error instanceof InputError &&
      error.code === 'legacy-failed' &&
      /greedy LEGACY method/.test(error.message),
  );
});

test('quotas no draw can meet are reported before drawing', () => {
  const input: SelectionInput = {
    people: [person('a', { g: 'f' }), person('b', { g: 'm' }), person('c', { g: 'm' })],
    panelSize: 2,
    targets: { kind: 'quotas', quotas: [{ feature: 'g', value: 'f', min: 2, max: 2 }] },
  };
  assert.throws(
    () => estimateLegacy(input, { samples: 10 }),
    (error: unknown) => error instanceof InputError && error.code === 'legacy-infeasible',
  );
});

test('point targets are refused: LEGACY needs min/max quotas', () => {
  const input: SelectionInput = {
    people: [person('a', { g: 'f' }), person('b', { g: 'm' })],
    panelSize: 1,
    targets: { kind: 'points', features: [{ feature: 'g', weight: 1, values: [{ value: 'f', target: 1 }] }] },
  };
  assert.throws(
    () => estimateLegacy(input),
    (error: unknown) => error instanceof InputError && /min\/max quotas/.test(error.message),
  );
});

test('bad input is an InputError: unknown kept id, min above max, pool smaller than the panel', () => {
  const base: SelectionInput = {
    people: [person('a', { g: 'f' }), person('b', { g: 'm' })],
    panelSize: 1,
    targets: { kind: 'quotas', quotas: [{ feature: 'g', value: 'f', min: 0, max: 1 }] },
  };
  assert.throws(() => estimateLegacy({ ...base, keep: ['zz'] }), InputError);
  assert.throws(() => estimateLegacy({ ...base, panelSize: 3 }), InputError);
  assert.throws(
    () =>
      estimateLegacy({
        ...base,
        targets: { kind: 'quotas', quotas: [{ feature: 'g', value: 'f', min: 2, max: 1 }] },
      }),
    InputError,
  );
});

test('progress reaches 1 and cancelling stops the run', () => {
  const input = readReplication('example_small_20', 20);
  const fractions: number[] = [];
  estimateLegacy(input, { samples: 300, onProgress: (progress) => fractions.push(progress.fraction) });
  assert.equal(fractions.at(-1), 1);
  assert.ok(fractions.every((fraction, at) => at === 0 || fraction >= fractions[at - 1]));
  assert.throws(() => estimateLegacy(input, { samples: 300, isCancelled: () => true }), CancelledError);
});
