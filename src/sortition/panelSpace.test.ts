/**
 * The panel program's speed-ups against brute force on small point-target pools: with every
 * weighted target met exactly (deviations fixed at 0) and with a start, valid or not, a search still
 * returns the heaviest panel within the allowed deviation, and a bound no lower than it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadSolver } from '../solver/highs.ts';
import { weightedDeviation } from './checkPanel.ts';
import { compileInstance, type Instance } from './instance.ts';
import type { SelectionInput } from './model.ts';
import { PanelSpace, smallestDeviationStep } from './panelSpace.ts';

const SEED = 20261206;

const rawInstance = fc.record({
  n: fc.constantFrom(6, 7, 8, 9),
  size: fc.constantFrom(2, 3, 4),
  answers: fc.array(fc.array(fc.nat(2), { minLength: 2, maxLength: 2 }), { minLength: 9, maxLength: 9 }),
  /** Whole-seat targets (the exact path) or quarter seats (the general one)... */
  quarters: fc.boolean(),
  /** ...or the counts of one possible panel, so that some panel meets every target. */
  reachable: fc.boolean(),
  targets: fc.array(fc.nat(4), { minLength: 6, maxLength: 6 }),
  weights: fc.array(fc.constantFrom(1, 2, 3), { minLength: 2, maxLength: 2 }),
  tolerance: fc.constantFrom(0, 0, 1, 2.5),
  personWeights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 9, maxLength: 9 }),
});
type Raw = typeof rawInstance extends fc.Arbitrary<infer T> ? T : never;

function buildInput(raw: Raw): SelectionInput {
  const values = ['a', 'b', 'c'];
  const people = Array.from({ length: raw.n }, (_, p) => ({
    id: `p${p}`,
    features: { f0: values[raw.answers[p][0]], f1: values[raw.answers[p][1]] },
  }));
  const target = (f: number, v: number) =>
    raw.reachable
      ? raw.answers.slice(0, raw.size).filter((answer) => answer[f] === v).length
      : raw.targets[f * 3 + v] / (raw.quarters ? 4 : 1);
  const features = ['f0', 'f1'].map((feature, f) => ({
    feature,
    weight: raw.weights[f],
    values: values.map((value, v) => ({ value, target: target(f, v) })),
  }));
  return { people, targets: { kind: 'points', features }, panelSize: raw.size };
}

function subsets(ids: string[], k: number): string[][] {
  if (k === 0) return [[]];
  if (ids.length < k) return [];
  const [first, ...rest] = ids;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

/** Per type, the weight of one of its people (people of a type are interchangeable). */
function typeWeights(instance: Instance, raw: Raw): Float64Array {
  return Float64Array.from(instance.types, (type) => raw.personWeights[type.members[0]] / 1000);
}

/** The allowed deviation, and the heaviest panel within it, by enumerating every panel. */
function bruteForce(input: SelectionInput, raw: Raw, instance: Instance, weights: Float64Array) {
  const panels = subsets(
    input.people.map((p) => p.id),
    input.panelSize,
  );
  const deviations = panels.map((panel) => weightedDeviation(input, panel));
  const allowed = Math.min(...deviations) + raw.tolerance;
  let best = Number.NEGATIVE_INFINITY;
  panels.forEach((panel, j) => {
    if (deviations[j] > allowed + 1e-9) return;
    const value = panel.reduce((sum, id) => {
      const person = input.people.findIndex((p) => p.id === id);
      return sum + weights[instance.typeOfPerson[person]];
    }, 0);
    best = Math.max(best, value);
  });
  return { allowed, best };
}

function members(instance: Instance, counts: Int32Array): string[] {
  return [...counts].flatMap((c, t) =>
    instance.types[t].members.slice(0, c).map((person) => instance.people[person].id),
  );
}

test('the panel search finds the heaviest panel within the allowed deviation, with and without a start', async () => {
  const highs = await loadSolver();
  let exact = 0;
  await fc.assert(
    fc.asyncProperty(rawInstance, async (raw) => {
      const input = buildInput(raw);
      const instance = compileInstance(input);
      const weights = typeWeights(instance, raw);
      const { allowed, best } = bruteForce(input, raw, instance, weights);
      if (allowed < smallestDeviationStep(instance)) exact++;
      const space = new PanelSpace(highs, instance);
      try {
        space.setDeviationBound(allowed + 1e-7 * Math.max(1, allowed));
        const plain = space.best(weights);
        assert.ok(plain !== null);
        assert.ok(Math.abs(plain.value - best) < 1e-9, `found ${plain.value}, best ${best}`);
        assert.ok(plain.bound >= best - 1e-9);
        assert.ok(weightedDeviation(input, members(instance, plain.best.counts)) <= allowed + 1e-9);
        // Started from the lightest valid panel found on the way, the search still ends at the best.
        const light = [plain.best, ...plain.others.map((o) => o.panel)].at(-1);
        const started = space.best(weights, undefined, undefined, light?.counts);
        assert.ok(started !== null && Math.abs(started.value - best) < 1e-9);
        // A start off the targets (everyone of the first type, or nobody) is set aside.
        const wrong = new Int32Array(instance.types.length);
        wrong[0] = Math.min(input.panelSize, instance.types[0].members.length);
        const offTargets = space.best(weights, undefined, undefined, wrong);
        assert.ok(offTargets !== null && Math.abs(offTargets.value - best) < 1e-9);
      } finally {
        space.dispose();
      }
    }),
    { numRuns: 120, seed: SEED },
  );
  assert.ok(exact > 20, `only ${exact} instances took the exact-targets path`);
});
