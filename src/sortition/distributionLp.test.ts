/**
 * The distribution LP across its switches between aiming and max–min: whatever basis a switch
 * leaves behind (an aim's, kept primal feasible with shortfalls at a cost no max–min optimum pays;
 * or the interior point method's, for large LPs), the LP must end where a fresh LP with the same
 * panels ends.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { swedishStylePool } from '../../test/support/swedish-pool.ts';
import { loadSolver } from '../solver/highs.ts';
import { DistributionLp } from './distributionLp.ts';
import { coverTypes } from './initialPanels.ts';
import { compileInstance } from './instance.ts';
import { CancelledError } from './model.ts';
import { PanelSpace } from './panelSpace.ts';
import { SwapSearch } from './swapSearch.ts';

const SAME = 1e-7;

async function panelsFor(people: number) {
  const highs = await loadSolver();
  const input = await swedishStylePool({ people, panelSize: 70, seed: `distribution-lp-${people}` });
  const instance = compileInstance(input);
  const space = new PanelSpace(highs, instance);
  try {
    const first = space.best(new Float64Array(instance.types.length));
    assert.ok(first);
    const coverage = coverTypes(instance, space, new SwapSearch(instance), first.best, () => false);
    const excluded = new Set(coverage.excluded);
    const activeTypes = instance.types.map((_, t) => t).filter((t) => !excluded.has(t));
    return { highs, instance, activeTypes, panels: coverage.panels };
  } finally {
    space.dispose();
  }
}

for (const { people, large } of [
  { people: 150, large: false },
  { people: 480, large: true },
]) {
  const path = large ? 'interior point method' : 'primal simplex from the aim’s basis';
  test(`${people} people (${path}): an aim moved or ended leaves the LP where a fresh one ends`, async () => {
    const { highs, instance, activeTypes, panels } = await panelsFor(people);
    // The interior point method is for LPs of 200 open types or more.
    assert.equal(activeTypes.length >= 200, large, `${activeTypes.length} open types`);
    const fresh = () => {
      const lp = new DistributionLp(highs, instance, activeTypes, { aim: true });
      for (const panel of panels) lp.add(panel);
      return lp;
    };
    const aim = new Float64Array(instance.types.length);
    for (const t of activeTypes) aim[t] = 70 / people;
    const lp = fresh();
    const reference = fresh();
    try {
      const maxMin = reference.solve();
      assert.ok(maxMin.z > 0 && maxMin.z < aim[activeTypes[0]], `max–min ${maxMin.z}`);
      lp.solve();
      lp.aimAt(aim);
      const aimed = lp.solve();
      reference.aimAt(aim);
      const aimedReference = reference.solve();
      // Some people fall short of the aim, so the shortfalls are in play.
      assert.ok(aimedReference.z < -0.1, `people short ${-aimedReference.z}`);
      assert.ok(Math.abs(aimed.z - aimedReference.z) <= SAME, `${aimed.z} against ${aimedReference.z}`);

      lp.aimAt(null);
      const ended = lp.solve();
      assert.ok(Math.abs(ended.z - maxMin.z) <= SAME, `${ended.z} against ${maxMin.z}`);
      // The max–min's own duals: they add up to 1 over the open types, and the shortfalls are unused.
      let total = 0;
      for (const t of activeTypes) total += ended.duals[t];
      assert.ok(Math.abs(total - 1) <= SAME, `duals add up to ${total}`);
      const probability = new Float64Array(instance.types.length);
      lp.panels.forEach((panel, j) => {
        for (const t of activeTypes)
          probability[t] += (ended.lambdas[j] * panel.counts[t]) / instance.types[t].members.length;
      });
      for (const t of activeTypes)
        assert.ok(probability[t] >= ended.z - SAME, `type ${t}: ${probability[t]}`);
    } finally {
      lp.dispose();
      reference.dispose();
    }
  });
}

test('a cancelled run stops the LP during its simplex iterations, not after them', async () => {
  const { highs, instance, activeTypes, panels } = await panelsFor(480);
  let looked = 0;
  const lp = new DistributionLp(highs, instance, activeTypes, {
    aim: true,
    // Cancelled from the third look on: within the first solve, which takes many iterations.
    isCancelled: () => ++looked > 2,
  });
  try {
    for (const panel of panels) lp.add(panel);
    assert.throws(() => lp.solve(), CancelledError);
    assert.equal(looked, 3);
  } finally {
    lp.dispose();
  }
});
