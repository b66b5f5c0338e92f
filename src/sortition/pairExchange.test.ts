import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkPanel, weightedDeviation } from './checkPanel.ts';
import { compileInstance, type Instance } from './instance.ts';
import type { SelectionInput } from './model.ts';
import { PairExchange } from './pairExchange.ts';
import { panelWeight } from './panelSpace.ts';

const FEATURES = ['f0', 'f1', 'f2'];
const VALUES = ['a', 'b', 'c'];

/** A pool whose point targets are the counts of a panel drawn from it, so they can be met exactly. */
const pointPool = fc
  .record({
    answers: fc.array(fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }), { minLength: 6, maxLength: 12 }),
    size: fc.integer({ min: 2, max: 5 }),
    households: fc.array(fc.nat(5), { minLength: 12, maxLength: 12 }),
    withHouseholds: fc.boolean(),
    weights: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
  })
  .filter((raw) => raw.size <= raw.answers.length);

function build(raw: PoolRaw) {
  const people = raw.answers.map((answer, p) => ({
    id: `p${p}`,
    features: Object.fromEntries(FEATURES.map((f, i) => [f, VALUES[answer[i]]])),
    // Households among the first eight: two people of one household may not enter together.
    ...(raw.withHouseholds && p < 8 ? { household: `h${raw.households[p] % 2}` } : {}),
  }));
  // The start: the first `size` people of distinct households.
  const start: number[] = [];
  const homes = new Set<string>();
  for (const [p, person] of people.entries()) {
    if (start.length === raw.size) break;
    const home = 'household' in person ? String(person.household) : undefined;
    if (home !== undefined && homes.has(home)) continue;
    if (home !== undefined) homes.add(home);
    start.push(p);
  }
  const size = start.length;
  const input: SelectionInput = {
    people,
    panelSize: size,
    targets: {
      kind: 'points',
      features: FEATURES.map((feature, i) => ({
        feature,
        weight: 1,
        values: VALUES.map((value, v) => ({
          value,
          target: start.filter((p) => raw.answers[p][i] === v).length,
        })),
      })),
    },
  };
  const instance = compileInstance(input);
  const counts = new Int32Array(instance.types.length);
  for (const p of start) counts[instance.typeOfPerson[p]]++;
  const weights = instance.types.map((_, t) => raw.weights[t % raw.weights.length]);
  return { input, instance, counts, weights };
}

interface PoolRaw {
  answers: number[][];
  size: number;
  households: number[];
  withHouseholds: boolean;
  weights: number[];
}

function ids(instance: Instance, counts: Int32Array): string[] {
  const chosen: string[] = [];
  counts.forEach((c, t) => {
    for (let k = 0; k < c; k++) chosen.push(instance.people[instance.types[t].members[k]].id);
  });
  return chosen;
}

/** A valid panel (households) with no deviation from any point target. */
function meetsEveryTarget(input: SelectionInput, panel: string[]): boolean {
  return checkPanel(input, panel).length === 0 && weightedDeviation(input, panel) === 0;
}

/**
 * Every panel reachable by one exchange of two seated people for two others that keeps every
 * target exactly, found by trying all of them and asking checkPanel and weightedDeviation (no
 * engine code).
 */
function exchanges(input: SelectionInput, chosen: string[]): string[][] {
  const others = input.people.map((p) => p.id).filter((id) => !chosen.includes(id));
  const found: string[][] = [];
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      for (let x = 0; x < others.length; x++) {
        for (let y = x + 1; y < others.length; y++) {
          const panel = chosen.filter((_, k) => k !== i && k !== j).concat(others[x], others[y]);
          if (meetsEveryTarget(input, panel)) found.push(panel);
        }
      }
    }
  }
  return found;
}

test('an exchange of two for two keeps every point target met and stops where no exchange is heavier', () => {
  fc.assert(
    fc.property(pointPool, (raw) => {
      const { input, instance, counts, weights } = build(raw);
      assert.ok(meetsEveryTarget(input, ids(instance, counts)));
      const improved = new PairExchange(instance).improve(counts, weights);
      const chosen = ids(instance, improved.counts);
      // Still a panel that meets every target exactly, and at least as heavy as the start.
      assert.ok(meetsEveryTarget(input, chosen));
      const weightOf = (panel: string[]) => {
        const byType = new Int32Array(instance.types.length);
        for (const id of panel)
          byType[instance.typeOfPerson[instance.people.findIndex((p) => p.id === id)]]++;
        return panelWeight(byType, weights);
      };
      assert.ok(weightOf(chosen) >= panelWeight(counts, weights) - 1e-12);
      // A local optimum: no exchange of two for two within the targets is heavier (by more than the
      // search's noise threshold, a millionth of the heaviest weight).
      const noise = 1e-6 * Math.max(...weights.map(Math.abs));
      for (const other of exchanges(input, chosen)) {
        assert.ok(
          weightOf(other) <= weightOf(chosen) + noise + 1e-12,
          `${other.join(',')} is heavier than ${chosen.join(',')}`,
        );
      }
    }),
    { seed: 20261207, numRuns: 300 },
  );
});

test('finds the exchange that no single swap can make: two people who share out their values', () => {
  // Panel: (a,a,a) and (b,b,b). Targets: one a and one b in each feature. The heavy people are
  // (a,b,a) and (b,a,b): reachable only by exchanging both seated people at once.
  const people = [
    { id: 'aaa', features: { f0: 'a', f1: 'a', f2: 'a' } },
    { id: 'bbb', features: { f0: 'b', f1: 'b', f2: 'b' } },
    { id: 'aba', features: { f0: 'a', f1: 'b', f2: 'a' } },
    { id: 'bab', features: { f0: 'b', f1: 'a', f2: 'b' } },
    { id: 'abb', features: { f0: 'a', f1: 'b', f2: 'b' } },
  ];
  const input: SelectionInput = {
    people,
    panelSize: 2,
    targets: {
      kind: 'points',
      features: FEATURES.map((feature) => ({
        feature,
        weight: 1,
        values: [
          { value: 'a', target: 1 },
          { value: 'b', target: 1 },
        ],
      })),
    },
  };
  const instance = compileInstance(input);
  const typeOf = (id: string) => instance.typeOfPerson[people.findIndex((p) => p.id === id)];
  const counts = new Int32Array(instance.types.length);
  counts[typeOf('aaa')] = 1;
  counts[typeOf('bbb')] = 1;
  const weights = new Float64Array(instance.types.length);
  weights[typeOf('aba')] = 2;
  weights[typeOf('bab')] = 2;
  weights[typeOf('abb')] = 5;
  const improved = new PairExchange(instance).improve(counts, weights);
  assert.deepEqual(ids(instance, improved.counts).sort(), ['aba', 'bab']);
});
