/**
 * The LP relaxation's bound and tight types against an independent oracle: the relaxation written
 * out as LP text and solved by HiGHS' one-shot API (not the engine's persistent model). A type is
 * tight when no fractional optimum lifts it above the level; the engine must report exactly those,
 * all in one level (a vertex dual would report only some of them).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Highs, loadSolver } from '../solver/highs.ts';
import { FractionalBound } from './fractionalBound.ts';
import { compileInstance, type Instance } from './instance.ts';
import type { Quota, SelectionInput } from './model.ts';

const SEED = 20261206;
const FEATURES = ['f0', 'f1', 'f2'];
const VALUES = ['a', 'b', 'c'];

const rawInstance = fc.record({
  n: fc.constantFrom(6, 8, 10, 12),
  valuesPerFeature: fc.array(fc.constantFrom(2, 3), { minLength: 2, maxLength: 3 }),
  answers: fc.array(fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }), { minLength: 12, maxLength: 12 }),
  size: fc.constantFrom(2, 3, 4),
  slack: fc.array(fc.record({ down: fc.nat(1), up: fc.nat(1) }), { minLength: 9, maxLength: 9 }),
});

/** Quotas around the first k people's counts, so that at least that panel is valid. */
function buildInput(raw: typeof rawInstance extends fc.Arbitrary<infer T> ? T : never): SelectionInput {
  const features = raw.valuesPerFeature.map((count, f) => ({
    name: FEATURES[f],
    values: VALUES.slice(0, count),
  }));
  const people = Array.from({ length: raw.n }, (_, p) => ({
    id: `p${p}`,
    features: Object.fromEntries(
      features.map((feature, f) => [feature.name, feature.values[raw.answers[p][f] % feature.values.length]]),
    ),
  }));
  const quotas: Quota[] = [];
  features.forEach((feature, f) => {
    feature.values.forEach((value, v) => {
      const inWitness = people.slice(0, raw.size).filter((p) => p.features[feature.name] === value).length;
      const slack = raw.slack[f * 3 + v];
      quotas.push({
        feature: feature.name,
        value,
        min: Math.max(0, inWitness - slack.down),
        max: inWitness + slack.up,
      });
    });
  });
  return { people, targets: { kind: 'quotas', quotas }, panelSize: raw.size };
}

/** The relaxation as LP text; `objective` and `floors` vary between the bound and the per-type checks. */
function relaxationText(instance: Instance, objective: string, floors: string[]): string {
  const { types, values, panelSize } = instance;
  const x = (t: number) => `x${t}`;
  const rows = [` size: ${types.map((_, t) => x(t)).join(' + ')} = ${panelSize}`];
  values.forEach((value, v) => {
    const cols = types.flatMap((type, t) => (type.values.includes(v) ? [x(t)] : []));
    if (cols.length === 0) return;
    rows.push(` lo${v}: ${cols.join(' + ')} >= ${value.min}`, ` up${v}: ${cols.join(' + ')} <= ${value.max}`);
  });
  const bounds = types.map((type, t) => ` 0 <= ${x(t)} <= ${type.members.length}`);
  return [
    'Maximize',
    ` obj: ${objective}`,
    'Subject To',
    ...rows,
    ...floors,
    'Bounds',
    ...bounds,
    ' z free',
    'End',
  ].join('\n');
}

function solve(highs: Highs, text: string): number {
  const solution = highs.solve(text, { output_flag: false });
  assert.equal(solution.Status, 'Optimal', text);
  return solution.ObjectiveValue;
}

/** Runs `check` on the relaxation of each of 60 seeded random instances, with every type open. */
async function eachRelaxation(
  check: (relaxation: FractionalBound, instance: Instance, open: number[], highs: Highs) => void,
): Promise<void> {
  const highs = await loadSolver();
  await fc.assert(
    fc.asyncProperty(rawInstance, async (raw) => {
      const instance = compileInstance(buildInput(raw));
      const open = instance.types.map((_, t) => t);
      const relaxation = new FractionalBound(highs, instance, open);
      try {
        check(relaxation, instance, open, highs);
      } finally {
        relaxation.dispose();
      }
    }),
    { numRuns: 60, seed: SEED },
  );
}

test('the relaxation: its bound is the fractional maximin, and it names every type tight in all fractional optima', async () => {
  let withTies = 0;
  await eachRelaxation((relaxation, instance, open, highs) => {
    const { bound, tight } = relaxation.solve();
    const n = (t: number) => instance.types[t].members.length;
    const expected = solve(
      highs,
      relaxationText(
        instance,
        'z',
        open.map((t) => ` m${t}: x${t} - ${n(t)} z >= 0`),
      ),
    );
    assert.ok(Math.abs(bound - expected) <= 1e-7, `bound ${bound} vs ${expected}`);
    // The engine opens only types that sit on some panel, so its levels are positive.
    fc.pre(expected > 1e-6);
    const floors = open.map((t) => ` m${t}: x${t} >= ${(n(t) * (expected - 1e-9)).toFixed(12)}`);
    const oracle = open.filter(
      (t) => solve(highs, relaxationText(instance, `x${t}`, floors)) / n(t) <= expected + 1e-6,
    );
    if (oracle.length > 1) withTies++;
    assert.deepEqual(tight, oracle, `bound ${expected}`);
  });
  assert.ok(withTies > 10, `only ${withTies} instances with several tight types`);
});

test('the relaxation stays feasible when a level is fixed a rounding above its own bound', async () => {
  // The distribution LP reaches a level to its tolerance, so the value it settles can sit a hair
  // above the relaxation's bound; n times that hair used to make the relaxation infeasible, and
  // every later level went without a bound (Swedish point pool, after its fifth level).
  let reopened = 0;
  await eachRelaxation((relaxation, _instance, open) => {
    const first = relaxation.solve();
    fc.pre(first.bound > 1e-6 && first.tight.length < open.length);
    for (const t of first.tight) relaxation.fix(t, first.bound + 1e-6);
    const second = relaxation.solve();
    reopened++;
    assert.ok(Number.isFinite(second.bound), `after fixing ${first.tight} at ${first.bound} + 1e-6`);
    assert.ok(second.bound >= first.bound - 1e-7, `${second.bound} below the first level ${first.bound}`);
  });
  assert.ok(reopened > 20, `only ${reopened} instances with a second level`);
});
